using EVisa.DevServer.Payments;
using EVisa.PaymentSimulator;

// Plays the payment provider against a running DevServer (or any EVisa deployment whose secret you hold):
// posts one signed webhook event and prints the answer. See README.md.
if (!SimulatorArguments.TryParse(args, out var arguments, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(SimulatorArguments.Usage);
    return 2;
}

using var http = new HttpClient { BaseAddress = arguments.Url };
var simulator = new PaymentProviderSimulator(http, arguments.Secret);
var payment = new SimulatedPayment(arguments.Reference, arguments.AmountMinor, arguments.Currency, arguments.Outcome,
    arguments.EventId ?? PaymentProviderSimulator.NewEventId());
try
{
    using var response = await simulator.SendAsync(payment);
    Console.WriteLine($"event {payment.EventId}: {(int)response.StatusCode} {response.ReasonPhrase}");
    Console.WriteLine(await response.Content.ReadAsStringAsync());
    return response.IsSuccessStatusCode ? 0 : 1;
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine($"Could not reach {arguments.Url}: {e.Message}");
    return 1;
}
