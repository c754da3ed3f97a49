using EVisa.Core.Api.Visas;
using EVisa.Core.Audit;
using EVisa.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Api;

/// <summary>The visa after issue: the seal keys, the border, revocation and the arrival notice.</summary>
public sealed class VisaFunctions(
    VisaKeysHandler keys,
    VisaVerificationHandler verification,
    BorderCrossingHandler border,
    VisaRevocationHandler revocation,
    ArrivalNoticeHandler arrivalNotice)
{
    // R11: anonymous, so devices can verify seals offline with these keys.
    [Function("GetVisaKeys")]
    [PublicRoute]
    public IActionResult GetKeys([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "visa-keys")] HttpRequest request) =>
        keys.Handle(request);

    [Function("VerifyVisa")]
    [RequiresRole(Role.Border, Role.Officer)]
    public Task<IActionResult> Verify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "visas/{visaNumber}/verification")] HttpRequest request,
        string visaNumber) =>
        verification.HandleAsync(request, visaNumber);

    [Function("RecordVisaEntry")]
    [RequiresRole(Role.Border)]
    [Audited("visa", "visaNumber")]
    public Task<IActionResult> Enter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "visas/{visaNumber}/entries")] HttpRequest request,
        string visaNumber) =>
        border.EnterAsync(request, visaNumber);

    [Function("RecordVisaExit")]
    [RequiresRole(Role.Border)]
    [Audited("visa", "visaNumber")]
    public Task<IActionResult> Exit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "visas/{visaNumber}/exits")] HttpRequest request,
        string visaNumber) =>
        border.ExitAsync(request, visaNumber);

    [Function("RevokeVisa")]
    [RequiresRole(Role.Officer, Role.Applicant)]
    [Audited("visa", "visaNumber")]
    public Task<IActionResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "visas/{visaNumber}/revocation")] HttpRequest request,
        string visaNumber) =>
        revocation.RevokeAsync(request, visaNumber);

    // R6: there is no extension; the route exists so that asking gets a clear refusal rather than a bare 404.
    [Function("ExtendVisa")]
    [RequiresRole(Role.Applicant, Role.Inviter, Role.Officer)]
    [Audited("visa", "visaNumber")]
    public IActionResult Extend(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "visas/{visaNumber}/extension")] HttpRequest request,
        string visaNumber) =>
        revocation.Extend(visaNumber);

    [Function("FileArrivalNotice")]
    [RequiresRole(Role.Inviter)]
    [Audited("visa", "visaNumber")]
    public Task<IActionResult> FileArrivalNotice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "visas/{visaNumber}/arrival-notice")] HttpRequest request,
        string visaNumber) =>
        arrivalNotice.HandleAsync(request, visaNumber);
}
