using System.Net.Mail;

namespace EVisa.Core.Notifications;

/// <summary>What the API accepts as an e-mail address: one mailbox (local@domain), no display name, no spaces.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static bool IsValid(string text)
    {
        if (text.Length > MaxLength || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            return false;
        var at = text.LastIndexOf('@');
        if (at < 1 || at == text.Length - 1 || !text[(at + 1)..].Contains('.', StringComparison.Ordinal))
            return false;
        // The parser agrees it is a bare address (it would also take "Name <a@b.c>"; that must not pass).
        return MailAddress.TryCreate(text, out var parsed) && parsed.Address == text && parsed.DisplayName.Length == 0;
    }
}
