using System.Reflection;
using EVisa.Core.Api;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.DevServer.Functions;

public sealed record HttpFunction(string Name, MethodInfo Method, string Route, IReadOnlyList<string> Methods)
{
    /// <summary>Who may call it and whether it is audited, read from the method's attributes.</summary>
    public FunctionDeclaration Declaration { get; } = FunctionDeclaration.Of(Name, Method);
}
public sealed record OrchestratorFunction(string Name, MethodInfo Method);
public sealed record ActivityFunction(string Name, MethodInfo Method);
public sealed record TimerFunction(string Name, MethodInfo Method, string Schedule, bool RunOnStartup);

/// <summary>
/// Every <c>[Function]</c> method of the Functions assembly, found by its trigger attribute: the one source of
/// truth both hosts serve. A function with a trigger the DevServer cannot host fails the start, loudly.
/// </summary>
public sealed class FunctionCatalog
{
    public required IReadOnlyList<HttpFunction> Http { get; init; }
    public required IReadOnlyList<OrchestratorFunction> Orchestrators { get; init; }
    public required IReadOnlyList<ActivityFunction> Activities { get; init; }
    public required IReadOnlyList<TimerFunction> Timers { get; init; }

    public static FunctionCatalog Discover(Assembly assembly)
    {
        List<HttpFunction> http = [];
        List<OrchestratorFunction> orchestrators = [];
        List<ActivityFunction> activities = [];
        List<TimerFunction> timers = [];

        var methods = assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly));
        foreach (var method in methods)
        {
            var function = method.GetCustomAttribute<FunctionAttribute>();
            if (function is null)
                continue;
            var name = function.Name;
            var parameters = method.GetParameters();
            if (Find<HttpTriggerAttribute>(parameters) is { } httpTrigger)
            {
                // As the Functions host does: no route means the function's name, no methods means all of them.
                var methodsAllowed = httpTrigger.Methods is { Length: > 0 } m ? m.Select(x => x.ToUpperInvariant()).ToList() : [];
                http.Add(new HttpFunction(name, method, httpTrigger.Route ?? name, methodsAllowed));
            }
            else if (Find<OrchestrationTriggerAttribute>(parameters) is not null)
                orchestrators.Add(new OrchestratorFunction(name, method));
            else if (Find<ActivityTriggerAttribute>(parameters) is not null)
                activities.Add(new ActivityFunction(name, method));
            else if (Find<TimerTriggerAttribute>(parameters) is { } timerTrigger)
                timers.Add(new TimerFunction(name, method, timerTrigger.Schedule, timerTrigger.RunOnStartup));
            else
                throw new InvalidOperationException($"Function {name} has a trigger the DevServer cannot host.");
        }

        return new FunctionCatalog { Http = http, Orchestrators = orchestrators, Activities = activities, Timers = timers };
    }

    private static T? Find<T>(ParameterInfo[] parameters) where T : Attribute =>
        parameters.Select(p => p.GetCustomAttribute<T>()).FirstOrDefault(a => a is not null);
}
