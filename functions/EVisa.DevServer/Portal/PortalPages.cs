using EVisa.Core.Api.Portal;
using EVisa.Core.Portal;
using EVisa.DevServer.Payments;
using Microsoft.AspNetCore.ResponseCompression;

namespace EVisa.DevServer.Portal;

/// <summary>
/// The applicant portal beside <c>/api</c> on one origin, as Azure Front Door serves it: every path outside <c>/api</c>
/// goes to the <c>GetPortalPage</c> function at <c>/api/pages/{path}</c>, so both hosts serve the pages with the same
/// code. Every answer carries the headers of <see cref="SecurityHeaders"/>; pages are compressed, API answers are not
/// (they carry personal data, and compressing secrets beside reflected input invites BREACH).
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

    /// <summary>Front Door's page route, before routing: <c>/x</c> is <c>/api/pages/x</c>; development pages stay.</summary>
    public static void UsePortalPages(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (!path.StartsWithSegments(SecurityHeaders.ApiPrefix, StringComparison.OrdinalIgnoreCase)
                && !path.StartsWithSegments(SimulatedPaymentProviderPage.DevelopmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                context.Request.Path = new PathString(PortalPageHandler.RoutePrefix).Add(path);
            }

            return next(context);
        });
        app.UseWhen(context => !SecurityHeaders.IsApi(context.Request.Path), pages => pages.UseResponseCompression());
    }
}
