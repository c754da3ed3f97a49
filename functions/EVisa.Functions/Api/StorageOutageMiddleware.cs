using EVisa.Core.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace EVisa.Functions.Api;

/// <summary>
/// An HTTP function that failed because storage did not answer returns 503 <c>storage-unreachable</c> with
/// <c>Retry-After</c> (<see cref="StorageOutage"/>) instead of the host's 500. Other triggers keep failing, so the
/// runtime retries them. (The DevServer does the same in HttpFunctionEndpoints.)
/// </summary>
public sealed class StorageOutageMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (StorageOutage.Is(e) && IsHttp(context))
        {
            context.GetLogger<StorageOutageMiddleware>()
                .LogWarning("{Function}: storage did not answer ({Error}); answered 503", context.FunctionDefinition.Name, e.GetType().Name);
            // With the ASP.NET Core integration the invocation's result is the IActionResult the host executes.
            context.GetInvocationResult().Value = StorageOutage.Problem();
        }
    }

    private static bool IsHttp(FunctionContext context) => context.FunctionDefinition.InputBindings.Values
        .Any(binding => string.Equals(binding.Type, "httpTrigger", StringComparison.OrdinalIgnoreCase));
}
