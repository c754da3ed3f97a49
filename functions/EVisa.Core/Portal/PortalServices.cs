using EVisa.Core.Api.Applications;
using EVisa.Core.Api.Portal;
using EVisa.Core.Lookup;
using EVisa.Core.Payments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Core.Portal;

/// <summary>What the applicant portal adds to the core services: its settings, the headers, checkout and lookup.</summary>
public static class PortalServices
{
    public static IServiceCollection AddEVisaPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PortalOptions>().Bind(configuration.GetSection(PortalOptions.SectionName));
        services.AddOptions<CheckoutOptions>().Bind(configuration.GetSection(CheckoutOptions.SectionName));
        services.AddSingleton<SecurityHeaders>();
        services.AddSingleton<PortalConfigurationHandler>();
        services.AddSingleton<PortalPageHandler>();
        services.AddSingleton<CheckoutHandler>();
        services.AddOptions<LookupOptions>().Bind(configuration.GetSection(LookupOptions.SectionName));
        services.AddSingleton<LookupKeys>();
        services.AddSingleton<LookupAttempts>();
        services.AddSingleton<ApplicationLookupHandler>();
        return services;
    }
}
