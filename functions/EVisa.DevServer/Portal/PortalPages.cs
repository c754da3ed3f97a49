using EVisa.Core.Portal;
using EVisa.DevServer.Configuration;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace EVisa.DevServer.Portal;

/// <summary>
/// The applicant portal's built pages (<c>web/dist</c>) at <c>/</c>, beside <c>/api</c> on the same origin, as the
/// Static Web App serves them in Azure: plain static files (<c>index.html</c> for a folder), 404 for anything else.
/// Every answer carries the headers of <see cref="SecurityHeaders"/>; pages are compressed, API answers are not (they
/// carry personal data, and compressing secrets beside reflected input invites BREACH).
/// </summary>
public static class PortalPages
{
    public static void AddPortalPages(this IServiceCollection services) =>
        services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
        });

    /// <summary>The headers of <see cref="SecurityHeaders"/> on every answer, whatever writes it: first in the pipeline.</summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        var headers = app.Services.GetRequiredService<SecurityHeaders>();
        app.Use((context, next) =>
        {
            headers.ApplyWhenStarting(context);
            return next(context);
        });
    }

    /// <summary>The static pages, before routing, so that no endpoint (the fallback's 404) shadows them.</summary>
    public static void UsePortalPages(this WebApplication app)
    {
        var folder = Folder(app.Services.GetRequiredService<IOptions<PortalOptions>>().Value);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PortalPages));
        if (folder is null || !Directory.Exists(folder))
        {
            log.LogInformation("No built portal pages at {Folder}; only the API is served", folder ?? "web/dist");
            return;
        }

        var files = new PhysicalFileProvider(folder);
        app.UseWhen(context => !SecurityHeaders.IsApi(context.Request.Path), pages =>
        {
            pages.UseResponseCompression();
            pages.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            pages.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        });
        log.LogInformation("Portal pages from {Folder}", folder);
    }

    private static string? Folder(PortalOptions options) =>
        !string.IsNullOrWhiteSpace(options.StaticFiles) ? Path.GetFullPath(options.StaticFiles)
        : RepositoryRoot.Find() is { } repository ? Path.Combine(repository, "web", "dist")
        : null;
}
