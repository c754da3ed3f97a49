using System.Text.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace EVisa.DevServer.Configuration;

/// <summary>
/// The <c>Values</c> of a Functions <c>local.settings.json</c>, as configuration: <c>A__B</c> becomes
/// <c>A:B</c>, as the Functions host exposes them through environment variables.
/// </summary>
public static class LocalSettings
{
    public static MemoryConfigurationSource? Read(string path)
    {
        if (!File.Exists(path))
            return null;
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!document.RootElement.TryGetProperty("Values", out var values))
            return null;
        var settings = values.EnumerateObject()
            .Select(p => KeyValuePair.Create(p.Name.Replace("__", ":", StringComparison.Ordinal), (string?)p.Value.ToString()));
        return new MemoryConfigurationSource { InitialData = settings };
    }

    /// <summary>Adds the file below the environment variables, so a real environment variable still wins.</summary>
    public static void AddBelowEnvironment(IConfigurationBuilder configuration, string path)
    {
        if (Read(path) is not { } source)
            return;
        var index = configuration.Sources.ToList().FindIndex(s => s is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource);
        configuration.Sources.Insert(index < 0 ? configuration.Sources.Count : index, source);
    }
}
