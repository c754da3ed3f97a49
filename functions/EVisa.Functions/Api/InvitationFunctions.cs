using EVisa.Core.Api.Invitations;
using EVisa.Core.Audit;
using EVisa.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Api;

// R2
public sealed class InvitationFunctions(InvitationHandler handler, InvitationListHandler lists)
{
    [Function("ListOwnInvitations")]
    [RequiresRole(Role.Inviter)]
    public Task<IActionResult> ListOwn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "invitations")] HttpRequest request) =>
        lists.ListOwnAsync(request);

    [Function("ListPendingInvitations")]
    [RequiresRole(Role.Officer)]
    public Task<IActionResult> ListPending(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "invitations/pending")] HttpRequest request) =>
        lists.ListPendingAsync(request);

    [Function("RegisterInvitation")]
    [RequiresRole(Role.Inviter)]
    [Audited("invitation")]
    public Task<IActionResult> Register(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "invitations")] HttpRequest request) =>
        handler.RegisterAsync(request);

    [Function("DecideInvitation")]
    [RequiresRole(Role.Officer)]
    [Audited("invitation", "invitationId")]
    public Task<IActionResult> Decide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "invitations/{invitationId}/decision")] HttpRequest request,
        string invitationId) =>
        handler.DecideAsync(request, invitationId);

    [Function("GetInvitation")]
    [RequiresRole(Role.Inviter, Role.Officer)]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "invitations/{invitationId}")] HttpRequest request,
        string invitationId) =>
        handler.GetAsync(request, invitationId);
}
