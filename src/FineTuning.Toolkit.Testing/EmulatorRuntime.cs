using FineTuning.Toolkit.Testing.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FineTuning.Toolkit.Testing;

/// <summary>Everything the HTTP layer needs, built once per emulator.</summary>
internal sealed class EmulatorRuntime
{
    public EmulatorRuntime(OpenAIEmulatorOptions options)
    {
        Options = options;
        Clock = new VirtualClock(options.TimeProvider, options.Speed);
        Ids = new IdGenerator(options.Seed);
        Store = new EmulatorStore(options.ToStoreSettings(), Clock, Ids);
        Faults = new EmulatorFaults(options.Seed);
        if (!string.IsNullOrWhiteSpace(options.Faults))
        {
            Faults.Add(options.Faults);
        }

        State = new EmulatorState(Store);
        Limiter = new RateLimiter(Clock, options.RequestsPerMinute, options.TokensPerMinute);
        Logger = options.Logger ?? NullLogger.Instance;
    }

    public OpenAIEmulatorOptions Options { get; }

    public VirtualClock Clock { get; }

    public IdGenerator Ids { get; }

    public EmulatorStore Store { get; }

    public EmulatorFaults Faults { get; }

    public EmulatorState State { get; }

    public RateLimiter Limiter { get; }

    public ILogger Logger { get; }
}
