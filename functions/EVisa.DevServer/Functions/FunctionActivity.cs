using System.Reflection;
using EVisa.Core.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace EVisa.DevServer.Functions;

/// <summary>An activity function as a Durable Task activity: its class built per call in a fresh scope.</summary>
public sealed class FunctionActivity(ActivityFunction function, ServiceProviderBox services) : ITaskActivity
{
    private readonly ParameterInfo _inputParameter = function.Method.GetParameters()
        .Single(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null);

    public Type InputType => _inputParameter.ParameterType;

    public Type OutputType => FunctionInvocation.ResultType(function.Method);

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        await using var scope = services.Value.CreateAsyncScope();
        // The orchestration's instance id is the application id; the Functions app does this in its middleware.
        using var correlation = ApplicationCorrelation.Begin(
            scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApplicationCorrelation).FullName!),
            context.InstanceId);
        var arguments = function.Method.GetParameters()
            .Select(p => p == _inputParameter ? input
                : p.ParameterType == typeof(CancellationToken) ? (object)CancellationToken.None
                : throw new InvalidOperationException($"Activity {function.Name} has an unbindable parameter {p.Name}."))
            .ToArray();
        return await FunctionInvocation.InvokeAsync(function.Method, scope.ServiceProvider, arguments);
    }
}

/// <summary>
/// The host's service provider, for the durable registrations: the Durable Task registry takes factories
/// before the provider exists, so it is handed over here once the host is built.
/// </summary>
public sealed class ServiceProviderBox
{
    private IServiceProvider? _value;

    public IServiceProvider Value
    {
        get => _value ?? throw new InvalidOperationException("The host is not built yet.");
        set => _value = value;
    }
}
