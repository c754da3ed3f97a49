using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace EVisa.DevServer.Functions;

/// <summary>
/// An orchestrator function as a Durable Task orchestrator. The input is the parameter with no binding, as in
/// the Functions worker (OrchestrationInputConverter), so <c>GetInput&lt;T&gt;()</c> and an input parameter agree.
/// </summary>
public sealed class FunctionOrchestrator(OrchestratorFunction function, ServiceProviderBox services) : ITaskOrchestrator
{
    private readonly ParameterInfo? _inputParameter = function.Method.GetParameters()
        .FirstOrDefault(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is null && p.ParameterType != typeof(CancellationToken));

    public Type InputType => _inputParameter?.ParameterType ?? typeof(object);

    public Type OutputType => FunctionInvocation.ResultType(function.Method);

    public Task<object?> RunAsync(TaskOrchestrationContext context, object? input)
    {
        var arguments = function.Method.GetParameters()
            .Select(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null ? context
                : p == _inputParameter ? input
                : p.ParameterType == typeof(CancellationToken) ? (object)CancellationToken.None
                : throw new InvalidOperationException($"Orchestrator {function.Name} has an unbindable parameter {p.Name}."))
            .ToArray();
        return FunctionInvocation.InvokeAsync(function.Method, services.Value, arguments);
    }
}
