namespace EVisa.DevServer.Configuration;

/// <summary>The checkout the DevServer runs from: it holds node_modules (Azurite) and local.settings.json.</summary>
public static class RepositoryRoot
{
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "EVisa.sln")))
                    return folder.FullName;
            }
        }

        return null;
    }
}
