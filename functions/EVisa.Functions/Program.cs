using EVisa.Core.Hosting;
using EVisa.Core.Telemetry;
using EVisa.Functions.Api;
using EVisa.Functions.Portal;
using EVisa.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ApplicationCorrelationMiddleware>();
builder.UseMiddleware<SecurityHeadersMiddleware>();
builder.UseMiddleware<StorageOutageMiddleware>();
// Inside the outage middleware, so a function that fails for storage is audited as failed before it answers 503.
builder.UseMiddleware<FunctionEdgeMiddleware>();
builder.Services.AddEVisaCore(builder.Configuration);
// The worker's invocation spans, children of the host's (host.json sets telemetryMode to OpenTelemetry).
builder.Services.AddEVisaTelemetry(builder.Configuration, telemetry => telemetry.UseFunctionsWorkerDefaults());
builder.Build().Run();
