using EVisa.Core.Documents;
using EVisa.Core.Rules;

namespace EVisa.Core.Tests.Documents;

/// <summary>A plausible visa; the MRZ lines are placeholders of the right length (the generator lives in Rules).</summary>
internal static class VisaSamples
{
    public static VisaDocument Document(string sealText, string surname = "ZHANG", string givenNames = "WEI LING") => new(
        Surname: surname,
        GivenNames: givenNames,
        PassportNumber: "E12345678",
        Nationality: "CHN",
        DateOfBirth: new DateOnly(1990, 1, 31),
        Sex: 'F',
        VisaNumber: "KZ26000123",
        Category: VisaCategory.Business,
        ValidFrom: new DateOnly(2027, 3, 1),
        ValidUntil: new DateOnly(2027, 3, 30),
        InvitationNumber: "4000012345",
        IssueDate: new DateOnly(2027, 2, 20),
        MrzLine1: "VCKAZZHANG<<WEI<LING".PadRight(VisaDocument.MrzLineLength, '<'),
        MrzLine2: "E12345678<CHN9001318F2703309<<<<<<<<<<<<<<<<".PadRight(VisaDocument.MrzLineLength, '<'),
        SealText: sealText);

    public static VisaDocument SignedDocument(VisaSealSigner signer, string surname = "ZHANG", string givenNames = "WEI LING") =>
        Document("pending", surname, givenNames).WithSeal(signer);
}
