using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api;

/// <summary>
/// Errors as <c>application/problem+json</c> (RFC 9457): a stable <c>code</c> per cause, echoed in
/// <c>type</c>, so clients can branch on it; never a stack trace.
/// </summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static ObjectResult Create(int status, string code, string title, string? detail = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails
        {
            Type = TypeOf(code),
            Title = title,
            Status = status,
            Detail = detail,
        };
        problem.Extensions["code"] = code;
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
                problem.Extensions[key] = value;
        }

        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { ContentType } };
    }

    /// <summary>400 with every field error at once, keyed by JSON path.</summary>
    public static ObjectResult Validation(IReadOnlyDictionary<string, string[]> errors)
    {
        var problem = new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Type = TypeOf("validation-failed"),
            Title = "The request has invalid fields.",
            Status = StatusCodes.Status400BadRequest,
        };
        problem.Extensions["code"] = "validation-failed";
        return new ObjectResult(problem) { StatusCode = problem.Status, ContentTypes = { ContentType } };
    }

    public static ObjectResult Unauthorized(string detail) =>
        Create(StatusCodes.Status401Unauthorized, "unauthenticated", "A valid bearer token is required.", detail);

    public static ObjectResult Forbidden() =>
        Create(StatusCodes.Status403Forbidden, "forbidden", "Your role may not do this.");

    public static ObjectResult NotFound(string what) =>
        Create(StatusCodes.Status404NotFound, "not-found", $"No such {what}.");

    public static string TypeOf(string code) => $"/problems/{code}";
}
