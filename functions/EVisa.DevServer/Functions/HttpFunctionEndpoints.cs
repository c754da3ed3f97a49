using System.Reflection;
using EVisa.Core.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EVisa.DevServer.Functions;

/// <summary>
/// Serves each HTTP-triggered function on its route and methods under the route prefix, binding parameters
/// as the Functions worker's ASP.NET Core integration does: the request, route values by name, the durable
/// client, the cancellation token. Each runs behind its declarations (<see cref="FunctionEdge"/>: access, audit). The
/// result is an <see cref="IActionResult"/>, executed as MVC would.
/// </summary>
public static class HttpFunctionEndpoints
{
    public static void MapHttpFunctions(this IEndpointRouteBuilder endpoints, IEnumerable<HttpFunction> functions, string routePrefix)
    {
        foreach (var function in functions)
        {
            var pattern = $"/{routePrefix}/{function.Route}".Replace("//", "/", StringComparison.Ordinal);
            var binders = function.Method.GetParameters().Select(Binder).ToArray();
            RequestDelegate handler = context => InvokeAsync(function, binders, context);
            var endpoint = function.Methods.Count == 0
                ? endpoints.Map(pattern, handler)
                : endpoints.MapMethods(pattern, function.Methods, handler);
            endpoint.WithDisplayName(function.Name).WithMetadata(function);
        }
    }

    private static async Task InvokeAsync(HttpFunction function, Func<HttpContext, object?>[] binders, HttpContext context)
    {
        IActionResult? result;
        try
        {
            // As the Functions app's FunctionEdgeMiddleware does: the declarations first, the function, the audit record.
            result = await context.RequestServices.GetRequiredService<FunctionEdge>().RunAsync(function.Declaration, context,
                name => context.GetRouteValue(name)?.ToString(),
                async () =>
                {
                    var arguments = binders.Select(bind => bind(context)).ToArray();
                    var returned = await FunctionInvocation.InvokeAsync(function.Method, context.RequestServices, arguments);
                    return returned as IActionResult ?? throw new InvalidOperationException(
                        $"Function {function.Name} returned {returned?.GetType().Name ?? "nothing"}, not an IActionResult.");
                });
        }
        catch (Exception e) when (StorageOutage.Is(e))
        {
            // As the Functions app's StorageOutageMiddleware does: a 503 to retry, not a 500.
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpFunctionEndpoints))
                .LogWarning("{Function}: storage did not answer ({Error}); answered 503", function.Name, e.GetType().Name);
            await StorageOutage.Problem().ExecuteAsync(context);
            return;
        }

        await result!.ExecuteAsync(context);
    }

    /// <summary>Executes an MVC result outside MVC, as the Functions worker's ASP.NET Core integration does.</summary>
    public static Task ExecuteAsync(this IActionResult result, HttpContext context) =>
        result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));

    private static Func<HttpContext, object?> Binder(ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is not null)
            return context => context.Request;
        if (parameter.GetCustomAttribute<DurableClientAttribute>() is not null)
            return context => context.RequestServices.GetRequiredService<DurableTaskClient>();
        if (parameter.ParameterType == typeof(CancellationToken))
            return context => context.RequestAborted;
        if (parameter.ParameterType == typeof(string))
            return context => context.GetRouteValue(parameter.Name!)?.ToString();
        throw new InvalidOperationException(
            $"The DevServer cannot bind parameter {parameter.Name} of {parameter.Member.DeclaringType?.Name}.{parameter.Member.Name}; " +
            "functions take their services by constructor injection.");
    }
}
