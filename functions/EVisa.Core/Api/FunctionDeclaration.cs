using System.Reflection;
using EVisa.Core.Audit;
using EVisa.Core.Identity;

namespace EVisa.Core.Api;

/// <summary>
/// What an HTTP function declares on its method: who may call it (null when it declares none, or more than one,
/// which the edge refuses) and whether its requests are audited.
/// </summary>
public sealed record FunctionDeclaration(string Name, RouteAccessAttribute? Access, AuditedAttribute? Audited)
{
    public static FunctionDeclaration Of(string name, MethodInfo method)
    {
        var access = method.GetCustomAttributes<RouteAccessAttribute>().ToList();
        return new FunctionDeclaration(name, access.Count == 1 ? access[0] : null, method.GetCustomAttribute<AuditedAttribute>());
    }
}
