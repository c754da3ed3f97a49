using EVisa.Core.Api;
using EVisa.DevServer.Functions;
using EVisa.Functions.Api;

namespace EVisa.Tests.Faults;

/// <summary>What each HTTP function of the Functions app declares on its method, read as both hosts read it.</summary>
public static class Declarations
{
    public static IReadOnlyList<FunctionDeclaration> Http { get; } =
        [.. FunctionCatalog.Discover(typeof(EligibilityFunctions).Assembly).Http.Select(f => f.Declaration)];
}
