using EVisa.Core.Visas;
using EVisa.Tests.Infrastructure;
using EVisa.VisaVerifier;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Visas;

/// <summary>R11: the offline verifier checks an issued visa's seal with a key set saved from <c>/api/visa-keys</c>.</summary>
public sealed class OfflineVerifierTests : IDisposable
{
    private readonly string _keysPath = Path.Combine(Path.GetTempPath(), $"evisa-keys-{Guid.NewGuid():N}.json");

    [Fact]
    [Trait("Rule", "R11")]
    public async Task A_saved_key_set_verifies_an_issued_seal_and_rejects_a_tampered_one()
    {
        var server = await TestServers.SharedAsync();
        var (request, issued) = await VisaSamples.IssueAsync(server);
        var seal = (await server.Services.GetRequiredService<VisaStore>().GetAsync(issued.VisaNumber, CancellationToken.None))!.SealText;
        await File.WriteAllTextAsync(_keysPath, await server.Client().GetStringAsync("/api/visa-keys"));

        var (code, output) = Run("--keys", _keysPath, "--seal", seal);
        Assert.Equal(SealCheck.Valid, code);
        Assert.StartsWith("valid", output, StringComparison.Ordinal);
        Assert.Contains(issued.VisaNumber, output, StringComparison.Ordinal);
        Assert.Contains(request.PassportNumber, output, StringComparison.Ordinal);

        var tampered = seal[..^3] + (seal[^3] == 'A' ? "B" : "A") + seal[^2..];
        var (badCode, badOutput) = Run("--keys", _keysPath, "--seal", tampered);
        Assert.Equal(SealCheck.Invalid, badCode);
        Assert.StartsWith("invalid", badOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_arguments_or_an_unreadable_key_set_are_usage_errors()
    {
        Assert.Equal(SealCheck.UsageError, Run("--seal", "EV1.x.y.z").Code);
        Assert.Equal(SealCheck.UsageError, Run("--keys", _keysPath + ".missing", "--seal", "EV1.x.y.z").Code);
    }

    public void Dispose() => File.Delete(_keysPath);

    private static (int Code, string Output) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = SealCheck.Run(args, TextReader.Null, output, error);
        return (code, output.ToString() + error);
    }
}
