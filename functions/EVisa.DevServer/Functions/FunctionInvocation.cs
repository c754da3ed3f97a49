using System.Reflection;

namespace EVisa.DevServer.Functions;

/// <summary>
/// Calls a <c>[Function]</c> method the way the Functions worker does: a new instance of its class per call,
/// built by dependency injection from the call's scope, and its result unwrapped from any Task.
/// </summary>
public static class FunctionInvocation
{
    public static async Task<object?> InvokeAsync(MethodInfo method, IServiceProvider services, object?[] arguments)
    {
        var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        object? returned;
        try
        {
            returned = method.Invoke(target, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }

        switch (returned)
        {
            case Task task:
                await task;
                return IsTaskOfResult(method.ReturnType) ? method.ReturnType.GetProperty("Result")!.GetValue(task) : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            default:
                return returned;
        }
    }

    /// <summary>The type a function returns, seen through Task&lt;T&gt;; <c>object</c> when it returns nothing.</summary>
    public static Type ResultType(MethodInfo method)
    {
        var type = method.ReturnType;
        if (IsTaskOfResult(type))
            return type.GetGenericArguments()[0];
        return type == typeof(void) || type == typeof(Task) ? typeof(object) : type;
    }

    private static bool IsTaskOfResult(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>);
}
