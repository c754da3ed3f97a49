using System.Diagnostics;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace EVisa.Core.Telemetry;

/// <summary>
/// OpenTelemetry for both hosts: traces and logs (with their scopes, so the application id travels), exported to
/// Application Insights when its connection string is set and to an OTLP collector when an endpoint is; with
/// neither, nothing leaves the process. Each host adds its own request instrumentation in <c>host</c>, which runs
/// before the exporters are added, so that what it enriches is exported enriched.
/// </summary>
public static class EVisaTelemetry
{
    /// <summary>The setting infra gives the Function App (modules/functionapp.bicep).</summary>
    public const string ApplicationInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The standard OTLP exporter setting, e.g. http://localhost:4317 for a local collector.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Spans the Durable Task worker writes for orchestrations and activities.</summary>
    public const string DurableTaskSource = "Microsoft.DurableTask";

    public static OpenTelemetryBuilder AddEVisaTelemetry(this IServiceCollection services, IConfiguration configuration,
        Action<OpenTelemetryBuilder> host)
    {
        var telemetry = services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(DurableTaskSource)
                // Only calls made inside a request or a function: the durable provider polls its queues from the
                // background every second, and those calls would bury everything else.
                .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = _ => Activity.Current?.Parent is not null))
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                logging.IncludeScopes = true;
                logging.IncludeFormattedMessage = true;
            });
        host(telemetry);
        if (!string.IsNullOrWhiteSpace(configuration[ApplicationInsightsSetting]))
            telemetry.UseAzureMonitorExporter();
        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]))
            telemetry.UseOtlpExporter();
        return telemetry;
    }
}
