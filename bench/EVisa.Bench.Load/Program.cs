using EVisa.Bench.Load;
using Microsoft.Extensions.Logging;

// The load benchmark and the fault scenarios of README "Load and faults". Build in Release: the DevServer it starts
// is the one built beside it.
if (!LoadArguments.TryParse(args, out var arguments, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(LoadArguments.Usage);
    return 2;
}

using var logging = LoggerFactory.Create(log => log.AddSimpleConsole(console => console.SingleLine = true)
    .SetMinimumLevel(LogLevel.Warning));
return arguments.Scenario switch
{
    "kill" => await FaultRun.RunAsync(Fault.Kill, arguments, logging),
    "storage-restart" => await FaultRun.RunAsync(Fault.StorageRestart, arguments, logging),
    _ => await LoadRun.RunAsync(arguments, logging),
};
