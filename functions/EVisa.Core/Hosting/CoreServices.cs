using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using EVisa.Core.Api.Applications;
using EVisa.Core.Api.Eligibility;
using EVisa.Core.Api.Invitations;
using EVisa.Core.Payments;
using EVisa.Core.Rules;
using EVisa.Core.Workflow;
using Microsoft.Extensions.Options;
using EVisa.Core.Identity;
using EVisa.Core.Reminders;
using EVisa.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Core.Hosting;

/// <summary>The services every host registers, so the Functions app and the DevServer cannot drift.</summary>
public static class CoreServices
{
    /// <summary>The storage connection the Functions host itself uses; the product shares it.</summary>
    public const string StorageConnectionSetting = "AzureWebJobsStorage";

    public static IServiceCollection AddEVisaCore(this IServiceCollection services, IConfiguration configuration)
    {
        // Results are MVC results in both hosts; one JSON shape for both: camelCase, enums as kebab-case words.
        services.AddMvcCore().AddJsonOptions(json => ConfigureJson(json.JsonSerializerOptions));
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.Section));
        services.AddSingleton<BearerTokens>();
        services.AddSingleton<RequestAuthorizer>();

        var storage = configuration[StorageConnectionSetting]
            ?? throw new InvalidOperationException($"Set {StorageConnectionSetting} to a storage connection string.");
        services.AddSingleton(new TableServiceClient(storage));
        services.AddSingleton(new BlobServiceClient(storage));
        services.AddSingleton<StorageTables>();
        services.AddSingleton<ApplicationStatusStore>();
        services.AddSingleton<InvitationStore>();
        services.AddSingleton<SubmissionStore>();
        services.AddSingleton<OutboxStore>();
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.SectionName));
        services.AddSingleton<PassportKeys>();

        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection(WorkflowOptions.SectionName));
        services.AddOptions<PassportRuleOptions>().Bind(configuration.GetSection(PassportRuleOptions.SectionName));
        services.AddOptions<VisaValidityOptions>().Bind(configuration.GetSection(VisaValidityOptions.SectionName));
        services.AddOptions<FeeOptions>().Bind(configuration.GetSection(FeeOptions.SectionName));
        services.AddSingleton(sp => new FeeSchedule(sp.GetRequiredService<IOptions<FeeOptions>>().Value));
        services.AddSingleton<InvitationConfirmation>();
        services.AddSingleton<ApplicationRulesCheck>();
        services.AddSingleton<VisaIssuing>();
        // INTERIM: goes when the payments branch brings the real RequestPayment and ClosePaymentRequest.
        services.AddSingleton<InterimPaymentRequests>();

        services.AddSingleton<EligibilityHandler>();
        services.AddSingleton<ApplicationStatusHandler>();
        services.AddSingleton<ApplicationSubmissionHandler>();
        services.AddSingleton<ApplicationActionsHandler>();
        services.AddSingleton<ApplicationListHandler>();
        services.AddSingleton<InvitationHandler>();
        services.AddSingleton<ReminderSweep>();
        return services;
    }

    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }
}
