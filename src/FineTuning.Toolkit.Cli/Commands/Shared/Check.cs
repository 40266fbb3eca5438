using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Models;
using FineTuning.Toolkit.Jobs.Methods;

namespace FineTuning.Toolkit.Cli.Commands.Shared;

/// <summary>
/// The one place where <c>ftk</c> checks option and argument values: ranges, enumerations, non-blank text, input files,
/// output files and folders. Each check is a parse-time validator, so a bad value is reported before anything runs, as
/// <c>error: --name: why</c> with exit code 2 (<see cref="ExitCodes.UsageOrIo"/>). Commands declare the checks next to
/// the option (<c>samples.InRange(1, 100)</c>) instead of testing values in their action.
/// </summary>
internal static class Check
{
    /// <summary>The upper bound for counts that multiply work (samples, concurrency, limits) unless a command says otherwise.</summary>
    public const int MaxCount = 10_000;

    /// <summary>Rejects values outside <c>[min, max]</c>.</summary>
    public static Option<T> InRange<T>(this Option<T> option, T min, T max)
        where T : struct, INumber<T>
    {
        option.Validators.Add(result => Report(result, option.Name, Range(Value<T>(result), min, max)));
        return option;
    }

    /// <summary>Rejects values outside <c>[min, max]</c> (an absent value is fine).</summary>
    public static Option<T?> InRange<T>(this Option<T?> option, T min, T max)
        where T : struct, INumber<T>
    {
        option.Validators.Add(result => Report(result, option.Name, Value<T?>(result) is { } value ? Range(value, min, max) : null));
        return option;
    }

    /// <summary>Rejects values outside the open interval <c>(min, max)</c>: for ratios that cannot be 0 or 1.</summary>
    public static Option<T> Between<T>(this Option<T> option, T min, T max)
        where T : struct, INumber<T>
    {
        option.Validators.Add(result =>
        {
            var value = Value<T>(result);
            Report(result, option.Name, T.IsNaN(value) || value <= min || value >= max ? string.Create(CultureInfo.InvariantCulture, $"must be more than {min} and less than {max}; got {value}.") : null);
        });
        return option;
    }

    /// <summary>Parses a hyperparameter: <c>auto</c> or a number (invariant culture), as the library reads it (<see cref="HyperparameterValue.Parse"/>).</summary>
    public static HyperparameterValue? ParseHyperparameter(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        try
        {
            return HyperparameterValue.Parse(text);
        }
        catch (FormatException)
        {
            var message = $"{(result.Parent as OptionResult)?.Option.Name ?? "value"}: '{text}' must be a number or auto.";
            t_reported?.Add(message);
            result.AddError(message);
            return null;
        }
    }

    /// <summary>Rejects a hyperparameter the library's limit rejects (<paramref name="isValid"/>, from <see cref="FineTuningLimits"/>); <c>auto</c> and absence are fine.</summary>
    public static Option<HyperparameterValue?> Hyperparameter(this Option<HyperparameterValue?> option, Func<double, bool> isValid, string rule)
    {
        option.Validators.Add(result =>
        {
            if (Value<HyperparameterValue?>(result) is { Value: { } value } && !isValid(value))
            {
                Report(result, option.Name, string.Create(CultureInfo.InvariantCulture, $"must be {rule} or auto; got {value}."));
            }
        });
        return option;
    }

    /// <summary>Rejects values at or below <c>min</c> (an absent value is fine).</summary>
    public static Option<T?> Above<T>(this Option<T?> option, T min)
        where T : struct, INumber<T>
    {
        option.Validators.Add(result =>
        {
            if (Value<T?>(result) is { } value && (T.IsNaN(value) || value <= min))
            {
                Report(result, option.Name, string.Create(CultureInfo.InvariantCulture, $"must be more than {min}; got {value}."));
            }
        });
        return option;
    }

    /// <summary>Accepts only these names (case-insensitive), listing them in the error.</summary>
    public static Option<T> OneOf<T>(this Option<T> option, params string[] names)
        where T : class?
    {
        option.Validators.Add(result =>
        {
            if (Value<T>(result) is string value && !names.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                Report(result, option.Name, $"'{value}' is not one of: {string.Join(", ", names)}.");
            }
        });
        return option;
    }

    /// <summary>Rejects empty or white-space text, and text longer than <paramref name="maxLength"/>.</summary>
    public static Option<string?> NotBlank(this Option<string?> option, int maxLength = int.MaxValue)
    {
        option.Validators.Add(result => Report(result, option.Name, Text(Value<string?>(result), maxLength)));
        return option;
    }

    /// <summary>Rejects empty text (white space is fine: separators can be white space).</summary>
    public static Option<string?> NotEmpty(this Option<string?> option)
    {
        option.Validators.Add(result => Report(result, option.Name, Value<string?>(result) is { Length: 0 } ? "must not be empty." : null));
        return option;
    }

    /// <summary>Accepts only a model the built-in catalog knows for <paramref name="provider"/> (a snapshot, an alias or an <c>ft:</c> id of one).</summary>
    public static Option<string?> KnownBaseModel(this Option<string?> option, string provider)
    {
        option.Validators.Add(result =>
        {
            var model = Value<string?>(result);
            if (model is null) return;
            Report(result, option.Name, string.IsNullOrWhiteSpace(model) ? "must not be empty."
                : ModelCatalog.BuiltIn.Find(provider, model.Trim()) is null ? $"'{model}' is not a fine-tunable {provider} model; see 'ftk models --provider {provider}'."
                : null);
        });
        return option;
    }

    /// <summary>Rejects an empty or white-space argument (e.g. a job id given as <c>""</c>).</summary>
    public static Argument<string> NotBlank(this Argument<string> argument)
    {
        argument.Validators.Add(result => Report(result, argument.Name, Text(Value<string>(result), int.MaxValue)));
        return argument;
    }

    /// <summary>Requires an existing, readable file (not a folder).</summary>
    public static Argument<string> ExistingFile(this Argument<string> argument)
    {
        argument.Validators.Add(result => Report(result, argument.Name, InputFileProblem(Value<string>(result))));
        return argument;
    }

    /// <summary>Requires an existing, readable file (not a folder).</summary>
    public static Argument<FileInfo> ExistingFile(this Argument<FileInfo> argument)
    {
        argument.Validators.Add(result => Report(result, argument.Name, InputFileProblem(Value<FileInfo>(result)?.ToString())));
        return argument;
    }

    /// <summary>Requires an existing, readable file (not a folder) when the option is given.</summary>
    public static Option<FileInfo?> ExistingFile(this Option<FileInfo?> option)
    {
        option.Validators.Add(result =>
        {
            if (!result.Implicit) Report(result, option.Name, InputFileProblem(Value<FileInfo?>(result)?.ToString()));
        });
        return option;
    }

    /// <summary>Requires an existing folder when the option is given.</summary>
    public static Option<DirectoryInfo?> ExistingFolder(this Option<DirectoryInfo?> option)
    {
        option.Validators.Add(result =>
        {
            if (!result.Implicit) Report(result, option.Name, FolderProblem(Value<DirectoryInfo?>(result)?.ToString(), mustExist: true));
        });
        return option;
    }

    /// <summary>Requires an existing folder.</summary>
    public static Argument<DirectoryInfo> ExistingFolder(this Argument<DirectoryInfo> argument)
    {
        argument.Validators.Add(result => Report(result, argument.Name, FolderProblem(Value<DirectoryInfo>(result)?.ToString(), mustExist: true)));
        return argument;
    }

    /// <summary>Requires a path that is a folder or can become one (it is not a file).</summary>
    public static Option<DirectoryInfo?> FolderPath(this Option<DirectoryInfo?> option)
    {
        option.Validators.Add(result =>
        {
            if (!result.Implicit) Report(result, option.Name, FolderProblem(Value<DirectoryInfo?>(result)?.ToString(), mustExist: false));
        });
        return option;
    }

    /// <summary>Requires a path that is a folder or can become one (it is not a file).</summary>
    public static Argument<DirectoryInfo> FolderPath(this Argument<DirectoryInfo> argument)
    {
        argument.Validators.Add(result => Report(result, argument.Name, FolderProblem(Value<DirectoryInfo>(result)?.ToString(), mustExist: false)));
        return argument;
    }

    /// <summary>Requires a file path that can be written: not a folder, in an existing folder.</summary>
    public static Option<string?> OutputFile(this Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            if (!result.Implicit) Report(result, option.Name, OutputFileProblem(Value<string?>(result)));
        });
        return option;
    }

    /// <summary>Requires a file path that can be written: not a folder, in an existing folder.</summary>
    public static Option<FileInfo?> OutputFile(this Option<FileInfo?> option)
    {
        option.Validators.Add(result =>
        {
            if (!result.Implicit) Report(result, option.Name, OutputFileProblem(Value<FileInfo?>(result)?.ToString()));
        });
        return option;
    }

    /// <summary>Rejects a command line where an output option names the same file as an input (it would be overwritten while read).</summary>
    /// <param name="command">The command.</param>
    /// <param name="inputs">The input file arguments or options.</param>
    /// <param name="outputs">The output file options.</param>
    public static void OutputsDifferFromInputs(this Command command, Symbol[] inputs, params Symbol[] outputs)
    {
        command.Validators.Add(result =>
        {
            var inputPaths = inputs.Select(s => PathOf(result, s)).OfType<string>().ToList();
            foreach (var output in outputs)
            {
                if (PathOf(result, output) is { } outputPath && inputPaths.Any(i => SameFile(i, outputPath)))
                {
                    var message = $"{output.Name}: '{outputPath}' is also an input; write the output to another file.";
                    t_reported?.Add(message);
                    result.AddError(message);
                }
            }
        });
    }

    /// <summary>The problem with an input file path, or <see langword="null"/> when it is a readable file.</summary>
    public static string? InputFileProblem(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "a file path is required.";
        if (Directory.Exists(path)) return $"'{path}' is a folder (directory), not a file.";
        if (!File.Exists(path)) return $"file not found: '{path}'.";
        return null;
    }

    private static string? OutputFileProblem(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "a file path is required.";
        if (Directory.Exists(path)) return $"'{path}' is a folder; give a file name.";
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder)) return $"the folder of '{path}' does not exist; create '{folder}' first.";
        return null;
    }

    private static string? FolderProblem(string? path, bool mustExist)
    {
        if (string.IsNullOrWhiteSpace(path)) return "a folder path is required.";
        if (File.Exists(path)) return $"'{path}' is a file, not a folder.";
        if (mustExist && !Directory.Exists(path)) return $"folder not found: '{path}'.";
        return null;
    }

    private static string? Text(string? value, int maxLength) =>
        value is null ? null
        : string.IsNullOrWhiteSpace(value) ? "must not be empty."
        : value.Length > maxLength ? string.Create(CultureInfo.InvariantCulture, $"must be at most {maxLength} characters; got {value.Length}.")
        : null;

    private static string? Range<T>(T value, T min, T max)
        where T : struct, INumber<T> =>
        T.IsNaN(value) || value < min || value > max
            ? string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}; got {value}.")
            : null;

    [ThreadStatic]
    private static List<string>? t_reported;

    /// <summary>Starts collecting the messages of these checks for one (synchronous) parse on this thread.</summary>
    public static void BeginParse() => t_reported = [];

    /// <summary>The messages these checks reported since <see cref="BeginParse"/>: value errors, which need no pointer to <c>--help</c>.</summary>
    public static IReadOnlyList<string> EndParse()
    {
        var reported = t_reported ?? [];
        t_reported = null;
        return reported;
    }

    private static void Report(SymbolResult result, string name, string? problem)
    {
        if (problem is not null)
        {
            var message = $"{name}: {problem}";
            t_reported?.Add(message);
            result.AddError(message);
        }
    }

    /// <summary>The converted value, or the default when the text could not be converted (the parser reports that error itself).</summary>
    private static T? Value<T>(SymbolResult result)
    {
        try
        {
            return result switch
            {
                OptionResult option => option.GetValueOrDefault<T>(),
                ArgumentResult argument => argument.GetValueOrDefault<T>(),
                _ => default,
            };
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    private static string? PathOf(CommandResult result, Symbol symbol) => symbol switch
    {
        Argument argument when result.GetResult(argument) is { } r => r.Tokens.FirstOrDefault()?.Value,
        Option option when result.GetResult(option) is { Implicit: false } r => r.Tokens.FirstOrDefault()?.Value,
        _ => null,
    };

    private static bool SameFile(string a, string b)
    {
        try
        {
            return string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }
}
