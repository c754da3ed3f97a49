namespace EVisa.Core.Rules;

/// <summary>
/// R10: the typed passport data against the passport's own MRZ, field by field. Any disagreement means the
/// visa would be printed with data that differs from the passport, which the seed says makes it invalid.
/// </summary>
public static class MrzComparison
{
    // R10
    public static IReadOnlyList<RuleViolation> Compare(Td3Mrz mrz, PassportDetails passport)
    {
        ArgumentNullException.ThrowIfNull(mrz);
        ArgumentNullException.ThrowIfNull(passport);
        var violations = new List<RuleViolation>();

        void Expect(bool same, string field, string label)
        {
            if (!same)
                violations.Add(new(RuleReasons.MrzMismatch, $"The {label} typed does not match the passport's machine-readable zone.", "R10", field));
        }

        Expect(mrz.DocumentNumber == PassportNumber.Parse(passport.Number).Value, "number", "passport number");
        Expect(MrzNationality.ToIso(mrz.IssuingState) == passport.IssuingState, "issuingState", "issuing state");
        Expect(mrz.NameField == MrzText.NameField(passport.Surname, passport.GivenNames, 39), "name", "name");
        Expect(MrzNationality.ToIso(mrz.Nationality) == passport.Nationality, "nationality", "nationality");
        Expect(mrz.BirthDate == MrzText.Date(passport.DateOfBirth), "dateOfBirth", "date of birth");
        Expect(mrz.Sex == MrzText.Sex(passport.Sex), "sex", "sex");
        Expect(mrz.ExpiryDate == MrzText.Date(passport.ExpiryDate), "expiryDate", "expiry date");
        // The personal number is optional on the form; when typed, it must match too.
        if (passport.PersonalNumber is { } personal)
            Expect(mrz.PersonalNumber == MrzText.PersonalNumber(personal), "personalNumber", "personal number");
        return violations;
    }
}
