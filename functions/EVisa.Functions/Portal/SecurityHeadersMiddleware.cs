using EVisa.Core.Portal;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Functions.Portal;

/// <summary>
/// Every HTTP answer of the Functions app carries the headers <see cref="SecurityHeaders"/> defines (nosniff, and
/// <c>no-store</c> wherever personal data or a visa may be answered). The DevServer applies the same definition in its
/// ASP.NET Core pipeline.
/// </summary>
public sealed class SecurityHeadersMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        // With the ASP.NET Core integration the answer is written to this HttpContext after the function returns.
        if (context.GetHttpContext() is { } http)
            context.InstanceServices.GetRequiredService<SecurityHeaders>().ApplyWhenStarting(http);
        await next(context);
    }
}
