using EVisa.Core.Api.Applications;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EVisa.Functions.Api;

public sealed class ApplicationApiFunctions(
    ApplicationStatusHandler status,
    ApplicationSubmissionHandler submission,
    ApplicationActionsHandler actions,
    ApplicationListHandler list,
    StuckApplicationsHandler stuck)
{
    [Function("GetApplication")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "applications/{applicationId}")] HttpRequest request,
        string applicationId) =>
        status.HandleAsync(request, applicationId);

    // R5
    [Function("SubmitApplication")]
    public Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        submission.HandleAsync(request, durable);

    [Function("ListApplications")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "applications")] HttpRequest request) =>
        list.HandleAsync(request);

    // Applications whose orchestration left them in a status past its time, for officers.
    [Function("ListStuckApplications")]
    public Task<IActionResult> ListStuck(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "applications/stuck")] HttpRequest request) =>
        stuck.HandleAsync(request);

    // R10
    [Function("ConfirmApplication")]
    public Task<IActionResult> Confirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/{applicationId}/confirmation")] HttpRequest request,
        string applicationId,
        [DurableClient] DurableTaskClient durable) =>
        actions.ConfirmAsync(request, applicationId, durable);

    [Function("CancelApplication")]
    public Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/{applicationId}/cancellation")] HttpRequest request,
        string applicationId,
        [DurableClient] DurableTaskClient durable) =>
        actions.CancelAsync(request, applicationId, durable);
}
