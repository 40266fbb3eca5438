using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit.Connections;

/// <summary>Completes <see cref="FineTuningToolkitOptions"/> from the environment through <see cref="ConnectionResolver"/> (when <see cref="FineTuningToolkitOptions.UseEnvironmentVariables"/> is on).</summary>
internal sealed class FineTuningToolkitOptionsSetup : IPostConfigureOptions<FineTuningToolkitOptions>
{
    private readonly Func<string, string?> _read;

    public FineTuningToolkitOptionsSetup()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    internal FineTuningToolkitOptionsSetup(Func<string, string?> read) => _read = read;

    public void PostConfigure(string? name, FineTuningToolkitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UseEnvironmentVariables)
        {
            ConnectionResolver.ApplyEnvironment(options, _read);
        }

        options.Provider ??= FineTuningProvider.OpenAI;
    }
}
