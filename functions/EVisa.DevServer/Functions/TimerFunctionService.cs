using System.Reflection;
using Cronos;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EVisa.DevServer.Functions;

/// <summary>
/// Runs each timer-triggered function on its six-field CRON schedule (seconds first, as in Azure Functions),
/// with <c>%Setting%</c> resolved from configuration as the Functions host does and a <c>[DurableClient]</c> bound
/// as for HTTP functions. A failed run is logged and the schedule goes on, as it does in Azure.
/// </summary>
public sealed class TimerFunctionService(
    IEnumerable<TimerFunction> timers,
    IServiceProvider services,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<TimerFunctionService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(timers.Select(timer => RunScheduleAsync(timer, stoppingToken)));

    public static CronExpression ParseSchedule(TimerFunction timer, IConfiguration configuration)
    {
        var text = timer.Schedule;
        if (text.StartsWith('%') && text.EndsWith('%'))
        {
            var setting = text.Trim('%');
            text = configuration[setting]
                ?? throw new InvalidOperationException($"Timer {timer.Name} needs the setting {setting} (a CRON schedule).");
        }

        return CronExpression.Parse(text, CronFormat.IncludeSeconds);
    }

    private async Task RunScheduleAsync(TimerFunction timer, CancellationToken stoppingToken)
    {
        var schedule = ParseSchedule(timer, configuration);
        if (timer.RunOnStartup)
            await RunOnceAsync(timer, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.GetNextOccurrence(clock.GetUtcNow(), TimeZoneInfo.Utc);
            if (next is null)
                return;
            try
            {
                var delay = next.Value - clock.GetUtcNow();
                if (delay > TimeSpan.Zero)
                    await Task.Delay(delay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await RunOnceAsync(timer, stoppingToken);
        }
    }

    private async Task RunOnceAsync(TimerFunction timer, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var arguments = timer.Method.GetParameters()
                .Select(p => p.ParameterType == typeof(TimerInfo) ? new TimerInfo()
                    : p.ParameterType == typeof(CancellationToken) ? (object)stoppingToken
                    : p.GetCustomAttribute<DurableClientAttribute>() is not null ? scope.ServiceProvider.GetRequiredService<DurableTaskClient>()
                    : throw new InvalidOperationException($"Timer {timer.Name} has an unbindable parameter {p.Name}."))
                .ToArray();
            await FunctionInvocation.InvokeAsync(timer.Method, scope.ServiceProvider, arguments);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "Timer function {Function} failed", timer.Name);
        }
    }
}
