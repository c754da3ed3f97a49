namespace EVisa.Core.Notifications;

/// <summary>The languages a person may choose for the notices sent to them: Kazakh, Russian, English.</summary>
public enum NoticeLanguage
{
    En,
    Ru,
    Kk,
}
