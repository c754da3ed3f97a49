using EVisa.Bench.Load;
using Microsoft.Extensions.Logging;

// The load benchmark and the fault scenarios of bench/README.md. Build in Release: the DevServer it starts
// is the one built beside it.
if (!LoadArguments.TryParse(args, out var arguments, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(LoadArguments.Usage);
    return 2;
}

using var logging = LoggerFactory.Create(log => log.AddSimpleConsole(console => console.SingleLine = true)
    .SetMinimumLevel(LogLevel.Warning));
int? partitionCount = arguments.PartitionCounts.Count == 0 ? null : arguments.PartitionCounts[0];
switch (arguments.Scenario)
{
    case "kill":
        return await FaultRun.RunAsync(Fault.Kill, arguments, partitionCount, logging);
    case "storage-restart":
        return await FaultRun.RunAsync(Fault.StorageRestart, arguments, partitionCount, logging);
}

// One run per Azurite store and partition count, each on a fresh Azurite, then their figures side by side.
var reports = new List<LoadReport>();
foreach (var store in arguments.Stores)
{
    foreach (var partitions in arguments.PartitionCounts.Count == 0 ? [(int?)null] : arguments.PartitionCounts.Select(p => (int?)p))
        reports.Add(await LoadRun.RunAsync(arguments, store, partitions, logging));
}

if (reports.Count > 1)
    LoadSummary.Print(reports);
return reports.All(r => r.Failures == 0) ? 0 : 1;
