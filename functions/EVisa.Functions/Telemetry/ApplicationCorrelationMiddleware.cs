using EVisa.Core.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace EVisa.Functions.Telemetry;

/// <summary>
/// Runs each activity under its application's id: the orchestration's instance id is the application id, and the
/// activity trigger hands it over as the binding data <c>instanceId</c>. (The DevServer does the same in
/// FunctionActivity; the orchestrator names the id in its own log messages.)
/// </summary>
public sealed class ApplicationCorrelationMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var isActivity = context.FunctionDefinition.InputBindings.Values
            .Any(binding => string.Equals(binding.Type, "activityTrigger", StringComparison.OrdinalIgnoreCase));
        if (!isActivity || !context.BindingContext.BindingData.TryGetValue("instanceId", out var instanceId)
            || instanceId?.ToString() is not { Length: > 0 } applicationId)
        {
            await next(context);
            return;
        }

        using (ApplicationCorrelation.Begin(context.GetLogger(typeof(ApplicationCorrelation).FullName!), applicationId))
            await next(context);
    }
}
