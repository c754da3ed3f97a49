namespace EVisa.Core.Notifications;

/// <summary>The languages a person may choose for the notices sent to them: Kazakh, Russian, English.</summary>
public enum NoticeLanguage
{
    En,
    Ru,
    Kk,
}

/// <summary>The API's words for <see cref="NoticeLanguage"/> (<c>kk</c>, <c>ru</c>, <c>en</c>), for the field readers.</summary>
public static class NoticeLanguages
{
    public static readonly IReadOnlyDictionary<string, NoticeLanguage> ByName =
        Enum.GetValues<NoticeLanguage>().ToDictionary(l => l.ToApiName());
}
