using Microsoft.AspNetCore.Http;

namespace EVisa.Core.Identity;

/// <summary>The caller the edge validated for this request, handed to the handler through the request's context.</summary>
public static class HttpContextCaller
{
    private static readonly object Key = new();

    /// <summary>The validated caller of a <see cref="RequiresRoleAttribute"/> function.</summary>
    public static Caller GetCaller(this HttpContext context) =>
        context.Items[Key] as Caller
        ?? throw new InvalidOperationException("No validated caller: only a function declared [RequiresRole] has one.");

    internal static void SetCaller(this HttpContext context, Caller caller) => context.Items[Key] = caller;
}
