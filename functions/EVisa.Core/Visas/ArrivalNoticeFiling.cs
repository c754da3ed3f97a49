namespace EVisa.Core.Visas;

/// <summary>
/// R13: the visa's inviting party files the arrival notice that the recorded entry made due, with the guest's place
/// of stay. Only after an entry; filing again changes nothing.
/// </summary>
public sealed class ArrivalNoticeFiling(VisaStore visas, TimeProvider clock)
{
    public async Task<ArrivalNoticeFilingOutcome> FileAsync(string visaNumber, string inviterId, string placeOfStay,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var change = await visas.ChangeAsync(visaNumber, visa =>
        {
            if (visa.InviterId != inviterId)
                return (null, ArrivalNoticeFilingDecision.NotTheInviter);
            if (visa.Entry is null || visa.ArrivalNotice is null)
                return (null, ArrivalNoticeFilingDecision.NotEntered);

            return visa.ArrivalNotice.FiledAt is null
                ? (visa with { ArrivalNotice = visa.ArrivalNotice with { FiledAt = now, PlaceOfStay = placeOfStay } }, ArrivalNoticeFilingDecision.Filed)
                : (null, ArrivalNoticeFilingDecision.Filed);
        }, cancellationToken);
        return change is null
            ? new ArrivalNoticeFilingOutcome(ArrivalNoticeFilingDecision.VisaNotFound, null, now)
            : new ArrivalNoticeFilingOutcome(change.Outcome, change.Visa, now);
    }
}
