using System.Diagnostics;
using System.Globalization;
using EVisa.Core.Documents;
using EVisa.Core.Rules;

// Renders visas one after another on one thread, after a warm-up, and prints the time per visa, the PDF
// size and the peak memory. Arguments: [count=1000] [warm-up=50] [path to save one sample PDF].
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var warmUp = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var samplePath = args.Length > 2 ? args[2] : null;

using var keys = new VisaSigningKeys(VisaSigningKey.Generate("bench"));
var signer = keys.CreateSigner();
var renderer = new VisaPdfRenderer();

VisaDocument Visa(int i)
{
    var category = (VisaCategory)(i % 3);
    var unsigned = new VisaDocument(
        Surname: "ZHANG" + (char)('A' + (i % 26)),
        GivenNames: "WEI LING",
        PassportNumber: $"E{i:D8}",
        Nationality: "CHN",
        DateOfBirth: new DateOnly(1980, 1, 1).AddDays(i % 9000),
        Sex: "MFX"[i % 3],
        VisaNumber: $"KZ{i:D8}",
        Category: category,
        ValidFrom: new DateOnly(2027, 3, 1),
        ValidUntil: new DateOnly(2027, 3, 30),
        InvitationNumber: $"40{i:D8}",
        IssueDate: new DateOnly(2027, 2, 20),
        MrzLine1: ("VCKAZZHANG<<WEI<LING").PadRight(VisaDocument.MrzLineLength, '<'),
        MrzLine2: $"E{i:D8}0CHN8001019F2703309".PadRight(VisaDocument.MrzLineLength, '<'),
        SealText: "unsigned");
    return unsigned.WithSeal(signer);
}

var visas = Enumerable.Range(0, count + warmUp).Select(Visa).ToArray();

for (var i = 0; i < warmUp; i++)
    renderer.Render(visas[count + i]);

var milliseconds = new double[count];
long totalBytes = 0, minBytes = long.MaxValue, maxBytes = 0;
var gcBefore = GC.CollectionCount(0);
var wall = Stopwatch.StartNew();
for (var i = 0; i < count; i++)
{
    var start = Stopwatch.GetTimestamp();
    var pdf = renderer.Render(visas[i]);
    milliseconds[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    totalBytes += pdf.Length;
    minBytes = Math.Min(minBytes, pdf.Length);
    maxBytes = Math.Max(maxBytes, pdf.Length);
}

wall.Stop();
Array.Sort(milliseconds);
double Percentile(double p) => milliseconds[Math.Clamp((int)Math.Ceiling(p * count) - 1, 0, count - 1)];

if (samplePath is not null)
    File.WriteAllBytes(samplePath, renderer.Render(visas[0]));

using var process = Process.GetCurrentProcess();
process.Refresh();
var c = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(c, $"visas rendered:   {count} (after {warmUp} warm-up), one thread, {Environment.ProcessorCount} cores"));
Console.WriteLine(string.Create(c, $"median ms/visa:   {Percentile(0.50):F2}"));
Console.WriteLine(string.Create(c, $"p95 ms/visa:      {Percentile(0.95):F2}"));
Console.WriteLine(string.Create(c, $"max ms/visa:      {milliseconds[^1]:F2}"));
Console.WriteLine(string.Create(c, $"throughput:       {count / wall.Elapsed.TotalSeconds:F0} visas/s"));
Console.WriteLine(string.Create(c, $"PDF size bytes:   mean {totalBytes / count}, min {minBytes}, max {maxBytes}"));
Console.WriteLine(string.Create(c, $"gen0 GCs:         {GC.CollectionCount(0) - gcBefore}"));
Console.WriteLine(string.Create(c, $"peak working set: {process.PeakWorkingSet64 / (1024.0 * 1024.0):F1} MiB"));
