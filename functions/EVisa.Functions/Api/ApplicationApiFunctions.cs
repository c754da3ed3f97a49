using EVisa.Core.Api.Applications;
using EVisa.Core.Audit;
using EVisa.Core.Identity;
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
    CheckoutHandler checkout,
    VisaPdfHandler pdf,
    StuckApplicationsHandler stuck,
    StuckClosureHandler stuckClosure)
{
    [Function("GetApplication")]
    [RequiresRole(Role.Applicant, Role.Officer)]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "applications/{applicationId}")] HttpRequest request,
        string applicationId) =>
        status.HandleAsync(request, applicationId);

    // R5
    [Function("SubmitApplication")]
    [RequiresRole(Role.Applicant)]
    public Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        submission.HandleAsync(request, durable);

    [Function("ListApplications")]
    [RequiresRole(Role.Officer)]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "applications")] HttpRequest request) =>
        list.HandleAsync(request);

    // Applications whose orchestration left them in a status past its time, for officers.
    [Function("ListStuckApplications")]
    [RequiresRole(Role.Officer)]
    public Task<IActionResult> ListStuck(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "applications/stuck")] HttpRequest request) =>
        stuck.HandleAsync(request);

    // A stuck application restarted (its orchestration started again from its row) or ended, by an officer; final.
    [Function("CloseStuckApplication")]
    [RequiresRole(Role.Officer)]
    [Audited("application", "applicationId")]
    public Task<IActionResult> CloseStuck(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/{applicationId}/stuck-closure")] HttpRequest request,
        string applicationId,
        [DurableClient] DurableTaskClient client) =>
        stuckClosure.HandleAsync(request, applicationId, client);

    // R10
    [Function("ConfirmApplication")]
    [RequiresRole(Role.Applicant)]
    public Task<IActionResult> Confirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/{applicationId}/confirmation")] HttpRequest request,
        string applicationId,
        [DurableClient] DurableTaskClient durable) =>
        actions.ConfirmAsync(request, applicationId, durable);

    [Function("CancelApplication")]
    [RequiresRole(Role.Applicant)]
    public Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/{applicationId}/cancellation")] HttpRequest request,
        string applicationId,
        [DurableClient] DurableTaskClient durable) =>
        actions.CancelAsync(request, applicationId, durable);

    // R5: pay the fee online, on the provider's hosted page.
    [Function("StartCheckout")]
    [RequiresRole(Role.Applicant)]
    public Task<IActionResult> StartCheckout(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/{applicationId}/checkout")] HttpRequest request,
        string applicationId) =>
        checkout.HandleAsync(request, applicationId);

    // R11: the printable visa, once issued.
    [Function("GetVisaPdf")]
    [RequiresRole(Role.Applicant, Role.Officer)]
    public Task<IActionResult> GetPdf(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "applications/{applicationId}/visa")] HttpRequest request,
        string applicationId) =>
        pdf.HandleAsync(request, applicationId);
}
