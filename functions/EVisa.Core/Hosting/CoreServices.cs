using System.Text.Json;
using System.Text.Json.Serialization;
using EVisa.Core.Api;
using EVisa.Core.Api.Applications;
using EVisa.Core.Api.ArrivalNotices;
using EVisa.Core.Api.Audit;
using EVisa.Core.Api.Eligibility;
using EVisa.Core.Api.Health;
using EVisa.Core.Api.Invitations;
using EVisa.Core.Api.Notifications;
using EVisa.Core.Api.OpenApi;
using EVisa.Core.Api.Payments;
using EVisa.Core.Api.Visas;
using EVisa.Core.Audit;
using EVisa.Core.Documents;
using EVisa.Core.Identity;
using EVisa.Core.Notifications;
using EVisa.Core.Payments;
using EVisa.Core.Portal;
using EVisa.Core.Reminders;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using EVisa.Core.Visas;
using EVisa.Core.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Hosting;

/// <summary>The services every host registers, so the Functions app and the DevServer cannot drift.</summary>
public static class CoreServices
{
    public static IServiceCollection AddEVisaCore(this IServiceCollection services, IConfiguration configuration)
    {
        // Results are MVC results in both hosts; one JSON shape for both: camelCase, enums as kebab-case words.
        services.AddMvcCore().AddJsonOptions(json => ConfigureJson(json.JsonSerializerOptions));
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.SectionName));
        services.AddSingleton<BearerTokens>();
        services.AddSingleton<AccessGate>();

        var storage = StorageClients.From(configuration);
        services.AddSingleton(storage.Tables);
        services.AddSingleton(storage.Blobs);
        services.AddSingleton<StorageTables>();
        // Authorization and audit at the edge: both hosts run every HTTP function through FunctionEdge.
        services.AddSingleton<AuditTrailStore>();
        services.AddSingleton<FunctionEdge>();
        services.AddSingleton<AuditTrailHandler>();
        services.AddSingleton<ApplicationStatusStore>();
        services.AddSingleton<ApplicationStatusRecording>();
        services.AddSingleton<InvitationStore>();
        services.AddSingleton<SubmissionStore>();
        // Mail: the outbox and its pending index, the notices' texts, the sender and its dead letters.
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.SectionName));
        services.AddSingleton(sp => new OutboxStore(sp.GetRequiredService<StorageTables>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<MailOptions>>().Value.PendingTable));
        services.AddSingleton<ApplicantContactStore>();
        services.AddSingleton<MailDeadLetterStore>();
        services.AddSingleton(_ => NoticeTemplates.Load());
        services.AddSingleton<NoticeRenderer>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<MailDeadLettersHandler>();
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.SectionName));
        services.AddSingleton<PassportKeys>();

        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection(WorkflowOptions.SectionName));
        services.AddOptions<PassportRuleOptions>().Bind(configuration.GetSection(PassportRuleOptions.SectionName));
        services.AddOptions<VisaValidityOptions>().Bind(configuration.GetSection(VisaValidityOptions.SectionName));
        services.AddSingleton<InvitationConfirmation>();
        services.AddSingleton<ApplicationRulesCheck>();
        services.AddSingleton<ApplicationDecision>();
        services.AddSingleton<ApplicationIntake>();
        services.AddSingleton<ApplicationOrchestrationStart>();
        services.AddSingleton<ApplicationSteps>();
        services.AddSingleton<HistoryPurge>();

        services.AddSingleton<EligibilityHandler>();
        services.AddSingleton<HealthHandler>();
        services.AddSingleton<OpenApiHandler>();
        services.AddSingleton<ApplicationStatusHandler>();
        services.AddSingleton<ApplicationSubmissionHandler>();
        services.AddSingleton<ApplicationActionsHandler>();
        services.AddSingleton<ApplicationListHandler>();
        services.AddSingleton<InvitationHandler>();
        services.AddSingleton<InvitationListHandler>();
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection(ReminderOptions.SectionName));
        services.AddSingleton(sp => new DueReminderStore(sp.GetRequiredService<StorageTables>()));
        services.AddSingleton(sp => new StuckApplicationStore(sp.GetRequiredService<StorageTables>()));
        services.AddSingleton<ReminderSweep>();
        services.AddSingleton<StuckApplicationsHandler>();
        services.AddSingleton<StuckApplicationRecovery>();
        services.AddSingleton<StuckApplicationClosing>();
        services.AddSingleton<StuckClosureHandler>();
        services.AddSingleton(sp => new ArrivalNoticeReminders(sp.GetRequiredService<StorageTables>(), sp.GetRequiredService<VisaStore>(),
            sp.GetRequiredService<OutboxStore>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ArrivalNoticeReminders>>()));

        // Payments: the fee table, the payment request store and the signed webhook.
        services.AddOptions<FeeOptions>().Bind(configuration.GetSection(FeeOptions.SectionName));
        services.AddSingleton(provider => new FeeSchedule(provider.GetRequiredService<IOptions<FeeOptions>>().Value));
        services.AddSingleton<PaymentRequestStore>();
        services.AddOptions<PaymentWebhookOptions>().Bind(configuration.GetSection(PaymentWebhookOptions.SectionName));
        services.AddSingleton<PaymentEventStore>();
        services.AddSingleton<PaymentReviewStore>();
        services.AddSingleton<PaymentCrediting>();
        services.AddSingleton<PaymentWebhookHandler>();
        services.AddSingleton<PaymentReviewsHandler>();
        services.AddSingleton<PaymentReviewResolver>();
        services.AddSingleton<PaymentReviewResolutionHandler>();
        // The visa after issue: seal keys from section VisaSigning (resolved on first use, so a host that
        // never signs or publishes keys needs none), the visa store, the issuer and the visa handlers.
        services.AddOptions<VisaSigningKeysOptions>().Bind(configuration.GetSection(VisaSigningKeysOptions.SectionName));
        services.AddSingleton(sp => VisaSigningKeys.FromOptions(sp.GetRequiredService<IOptions<VisaSigningKeysOptions>>().Value));
        services.AddSingleton<VisaPdfRenderer>();
        services.AddSingleton<VisaStore>();
        services.AddSingleton<VisaIssuer>();
        services.AddSingleton<VisaPdfHandler>();
        services.AddSingleton<VisaKeysHandler>();
        services.AddSingleton<VisaVerificationHandler>();
        services.AddSingleton<BorderControl>();
        services.AddSingleton<BorderCrossingHandler>();
        services.AddSingleton<VisaRevoking>();
        services.AddSingleton<VisaRevocationHandler>();
        services.AddSingleton<ArrivalNoticeFiling>();
        services.AddSingleton<ArrivalNoticeHandler>();
        services.AddSingleton<OverdueArrivalNoticesHandler>();
        services.AddSingleton<OverdueArrivalNoticeClosureHandler>();
        services.AddEVisaPortal(configuration);
        return services;
    }

    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }
}
