using EVisa.Core.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Api.Portal;

/// <summary>
/// <c>GET /api/pages/{*path}</c>: the portal's built pages, served by the app itself so that pages and API share one
/// origin and one host. The front end maps every path outside <c>/api</c> here (Azure Front Door's route in Azure, the
/// DevServer's own rewrite locally): <c>/status.html</c> is <c>/api/pages/status.html</c>. Plain static files, with
/// <c>index.html</c> for a folder; anything else is 404. Files come from <see cref="PortalOptions.StaticFiles"/>, by
/// default the <c>wwwroot</c> the build copies <c>web/dist</c> into.
/// </summary>
public sealed class PortalPageHandler : IDisposable
{
    public const string RoutePrefix = "/api/pages";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private readonly PhysicalFileProvider? _files;

    public PortalPageHandler(IOptions<PortalOptions> options, ILogger<PortalPageHandler> logger)
    {
        var folder = string.IsNullOrWhiteSpace(options.Value.StaticFiles)
            ? Path.Combine(AppContext.BaseDirectory, "wwwroot")
            : Path.GetFullPath(options.Value.StaticFiles);
        if (Directory.Exists(folder))
        {
            _files = new PhysicalFileProvider(folder);
            logger.LogInformation("Portal pages from {Folder}", folder);
        }
        else
        {
            logger.LogInformation("No built portal pages at {Folder}; only the API is served", folder);
        }
    }

    public IActionResult Handle(string? path)
    {
        var name = string.IsNullOrEmpty(path) || path.EndsWith('/') ? $"{path}index.html" : path;
        var file = _files?.GetFileInfo(name);
        if (file is not { Exists: true, IsDirectory: false, PhysicalPath: { } physical } || !ContentTypes.TryGetContentType(name, out var type))
            return Problems.NotFound("page");
        return new PhysicalFileResult(physical, type) { LastModified = file.LastModified };
    }

    public void Dispose() => _files?.Dispose();
}
