using System.Collections.Concurrent;
using System.Reflection;
using EVisa.Core.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Functions.Api;

/// <summary>
/// Runs every HTTP function behind its declarations (<see cref="FunctionEdge"/>): who may call it, and the audit
/// record of an audited one. Timer and durable triggers pass untouched. (The DevServer does the same in
/// HttpFunctionEndpoints.)
/// </summary>
public sealed class FunctionEdgeMiddleware : IFunctionsWorkerMiddleware
{
    private static readonly ConcurrentDictionary<string, FunctionDeclaration> Declarations = new();

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var declaration = Declarations.GetOrAdd(context.FunctionDefinition.Name, _ => Declare(context.FunctionDefinition));
        var bindingData = context.BindingContext.BindingData;
        var edge = context.InstanceServices.GetRequiredService<FunctionEdge>();
        var result = await edge.RunAsync(declaration, http,
            name => bindingData.TryGetValue(name, out var value) ? value?.ToString() : null,
            async () =>
            {
                await next(context);
                return context.GetInvocationResult().Value as IActionResult;
            });
        // With the ASP.NET Core integration the invocation's result is the IActionResult the host executes.
        if (result is not null)
            context.GetInvocationResult().Value = result;
    }

    /// <summary>The declarations on the method the entry point names (<c>Namespace.Class.Method</c>), as the worker resolves it.</summary>
    private static FunctionDeclaration Declare(FunctionDefinition definition)
    {
        var split = definition.EntryPoint.LastIndexOf('.');
        var method = typeof(FunctionEdgeMiddleware).Assembly.GetType(definition.EntryPoint[..split])?
            .GetMethod(definition.EntryPoint[(split + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static);
        return method is null ? new FunctionDeclaration(definition.Name, null, null) : FunctionDeclaration.Of(definition.Name, method);
    }
}
