using System.Text.Json;
using System.Text.Json.Serialization;
using EVisa.Core.Api.Applications;
using EVisa.Core.Api.Eligibility;
using EVisa.Core.Api.Health;
using EVisa.Core.Identity;
using EVisa.Core.Reminders;
using EVisa.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Core.Hosting;

/// <summary>The services every host registers, so the Functions app and the DevServer cannot drift.</summary>
public static class CoreServices
{
    public static IServiceCollection AddEVisaCore(this IServiceCollection services, IConfiguration configuration)
    {
        // Results are MVC results in both hosts; one JSON shape for both: camelCase, enums as kebab-case words.
        services.AddMvcCore().AddJsonOptions(json => ConfigureJson(json.JsonSerializerOptions));
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.Section));
        services.AddSingleton<BearerTokens>();
        services.AddSingleton<RequestAuthorizer>();

        var storage = StorageClients.From(configuration);
        services.AddSingleton(storage.Tables);
        services.AddSingleton(storage.Blobs);
        services.AddSingleton<StorageTables>();
        services.AddSingleton<ApplicationStatusStore>();

        services.AddSingleton<EligibilityHandler>();
        services.AddSingleton<HealthHandler>();
        services.AddSingleton<ApplicationStatusHandler>();
        services.AddSingleton<ReminderSweep>();
        return services;
    }

    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }
}
