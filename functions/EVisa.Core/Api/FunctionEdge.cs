using EVisa.Core.Audit;
using EVisa.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Api;

/// <summary>
/// Runs one HTTP function behind its declarations, the same in both hosts (the Functions app's worker middleware and
/// the DevServer's endpoints): the access check first (a 401/403 answers without running it), then the function,
/// then, for an audited one, one record of how the request ended.
/// </summary>
public sealed class FunctionEdge(AccessGate gate, AuditTrailStore auditTrail, TimeProvider clock, ILogger<FunctionEdge> logger)
{
    /// <param name="routeValue">The request's route parameter by name, as the host bound it.</param>
    /// <param name="function">Runs the function and gives its result.</param>
    public async Task<IActionResult?> RunAsync(FunctionDeclaration declaration, HttpContext context, Func<string, string?> routeValue,
        Func<Task<IActionResult?>> function)
    {
        var decision = await gate.CheckAsync(context, declaration.Name, declaration.Access);
        var result = decision.Denial;
        if (result is null)
        {
            try
            {
                result = await function();
            }
            catch (Exception e) when (declaration.Audited is not null)
            {
                var status = StorageOutage.Is(e) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
                await AppendAsync(declaration, decision.Caller, routeValue, null, status);
                throw;
            }
        }

        if (declaration.Audited is not null)
            await AppendAsync(declaration, decision.Caller, routeValue, result, StatusOf(result));
        return result;
    }

    /// <summary>
    /// Appends the record, never changing the answer: the function has already acted, so failing its answer would only
    /// make the client retry what is done. A record that could not be written is logged (ids only) for an operator.
    /// </summary>
    private async Task AppendAsync(FunctionDeclaration declaration, Caller? caller, Func<string, string?> routeValue,
        IActionResult? result, int status)
    {
        var audited = declaration.Audited!;
        var resourceId = audited.RouteParameter is { } parameter ? routeValue(parameter) ?? "" : CreatedId(result);
        var record = new AuditRecord(clock.GetUtcNow(), caller?.Subject ?? "", caller?.Role.ToApiName() ?? "", declaration.Name,
            audited.ResourceType, resourceId, AuditOutcomes.FromStatus(status), status);
        try
        {
            // Not the request's token: a client that hangs up must not take the record with it.
            await auditTrail.AppendAsync(record, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Audit record not written: {Action} on {ResourceType} {ResourceId} by {Actor} ({Role}), {Outcome} {Status}",
                record.Action, record.ResourceType, record.ResourceId, record.Actor, record.Role, record.Outcome, record.Status);
        }
    }

    private static int StatusOf(IActionResult? result) =>
        result is IStatusCodeActionResult { StatusCode: { } status } ? status : StatusCodes.Status200OK;

    /// <summary>The id a creating POST answered with: the last segment of its 201's <c>Location</c>.</summary>
    private static string CreatedId(IActionResult? result) =>
        result is CreatedResult { Location: { } location } ? location.TrimEnd('/').Split('/')[^1] : "";
}
