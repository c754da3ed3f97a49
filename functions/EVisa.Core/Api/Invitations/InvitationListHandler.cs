using EVisa.Core.Identity;
using EVisa.Core.Storage;
using EVisa.Core.Visas;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EVisa.Core.Api.Invitations;

/// <summary>
/// The staff console's two lists of invitations, each a page at a time from an index (never a scan):
/// <c>GET /api/invitations</c>, an inviting party's own, newest first, each with its guest's visa once issued (R13: the
/// entry and the arrival notice it owes); <c>GET /api/invitations/pending</c>, for officers, the invitations awaiting a
/// decision, oldest first (R2).
/// </summary>
public sealed class InvitationListHandler(InvitationStore invitations, VisaStore visas, TimeProvider clock)
{
    public async Task<IActionResult> ListOwnAsync(HttpRequest request)
    {
        var caller = request.HttpContext.GetCaller();
        return await PageQuery.AnswerAsync(request, async (page, cancellationToken) =>
        {
            var (items, next) = await invitations.ListByInviterAsync(caller.Subject, page.PageSize, page.StorageToken, cancellationToken);
            var now = clock.GetUtcNow();
            var listed = await Task.WhenAll(items.Select(async i => new InvitationListItem(InvitationViewBody.For(i),
                i.UsedByApplicationId is { } applicationId && await visas.GetForApplicationAsync(applicationId, cancellationToken) is { } visa
                    ? GuestVisa.Of(visa, now)
                    : null)));
            return new { Items = listed, ContinuationToken = PageQuery.Next(next) };
        });
    }

    // R2
    public Task<IActionResult> ListPendingAsync(HttpRequest request) =>
        PageQuery.AnswerAsync(request, async (page, cancellationToken) =>
        {
            var (items, next) = await invitations.ListPendingAsync(page.PageSize, page.StorageToken, cancellationToken);
            return new { Items = items.Select(InvitationViewBody.For), ContinuationToken = PageQuery.Next(next) };
        });
}
