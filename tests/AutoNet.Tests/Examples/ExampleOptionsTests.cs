using Xunit;

namespace AutoNet.Tests.Examples;

/// <summary>
/// Every example checks its options before training: a bad one gives exactly one line on stderr, nothing on
/// stdout, and exit code 2 (the usage-error code of command-line tools), never a stack trace.
/// </summary>
public sealed class ExampleOptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("autonet-example-options-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(string example, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        int code = example switch
        {
            "Moons" => MoonsCommand.Run(args, output, error),
            "Circles" => CirclesCommand.Run(args, output, error),
            "Spirals" => SpiralsCommand.Run(args, output, error),
            "Digits" => DigitsCommand.Run(args, output, error),
            "Names" => NamesCommand.Run(args, output, error),
            "TinyGpt" => TinyGptCommand.Run(args, output, error),
            _ => RegressionCommand.Run(args, output, error),
        };
        return (code, output.ToString(), error.ToString());
    }

    public static TheoryData<string, string, string> BadOptions()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var example in new[] { "Moons", "Circles", "Spirals", "Regression" })
        {
            data.Add(example, "--hidden 100000000", "--hidden 100000000 needs a [");
            data.Add(example, "--hidden 0", "--hidden must be >= 1, got 0.");
            data.Add(example, "--epochs -3", "--epochs must be >= ");
            data.Add(example, "--lr NaN", "--lr must be a finite number >= 0, got NaN.");
            data.Add(example, "--print-every 0", "--print-every must be >= 1, got 0.");
            data.Add(example, "--epochs many", "Cannot parse argument 'many' for option '--epochs'");
            data.Add(example, "--no-such-option", "Unrecognized command or argument '--no-such-option'.");
        }
        data.Add("Moons", "--plots FILE/plots", "--plots '");
        data.Add("Circles", "--momentum 1", "--momentum must be a finite number in [0, 1), got 1.");
        data.Add("Circles", "--noise -1", "--noise must be a finite number >= 0, got -1.");
        data.Add("Circles", "--onnx FILE/m.onnx", "--onnx '");
        data.Add("Circles", "--onnx DIR", "is a directory; expected a file path.");
        data.Add("Spirals", "--noise Infinity", "--noise must be a finite number >= 0, got ");
        data.Add("Spirals", "--points-per-class 2000000000", "--points-per-class 2000000000 needs a [6000000000, 2] tensor");
        data.Add("Spirals", "--onnx FILE/m.onnx", "--onnx '");
        data.Add("Regression", "--samples 0", "--samples must be >= 1, got 0.");
        data.Add("Regression", "--onnx FILE/m.onnx", "--onnx '");
        data.Add("Digits", "--epochs -3", "--epochs must be >= 0, got -3.");
        data.Add("Digits", "--batch-size 0", "--batch-size must be >= 1, got 0.");
        data.Add("Digits", "--lr NaN", "--lr must be a finite number >= 0, got NaN.");
        data.Add("Digits", "--seed -1", "Cannot parse argument '-1' for option '--seed'");
        data.Add("Digits", "--plots FILE/plots", "--plots '");
        data.Add("Digits", "--onnx DIR", "is a directory; expected a file path.");
        data.Add("Digits", "--no-such-option", "Unrecognized command or argument '--no-such-option'.");
        data.Add("Names", "--steps -1", "--steps must be >= 0, got -1.");
        data.Add("Names", "--batch-size 0", "--batch-size must be >= 1, got 0.");
        data.Add("Names", "--embed 0", "--embed must be >= 1, got 0.");
        data.Add("Names", "--hidden 0", "--hidden must be >= 1, got 0.");
        data.Add("Names", "--hidden 100000000", "--hidden 100000000 needs a [");
        data.Add("Names", "--samples -2", "--samples must be >= 0, got -2.");
        data.Add("Names", "--lr Infinity", "--lr must be a finite number >= 0, got ");
        data.Add("Names", "--seed -1", "Cannot parse argument '-1' for option '--seed'");
        data.Add("Names", "--data-seed x", "Cannot parse argument 'x' for option '--data-seed'");
        data.Add("Names", "--plots FILE/plots", "--plots '");
        data.Add("Names", "--no-such-option", "Unrecognized command or argument '--no-such-option'.");
        data.Add("TinyGpt", "--steps -1", "--steps must be >= 0, got -1.");
        data.Add("TinyGpt", "--batch-size 0", "--batch-size must be >= 1, got 0.");
        data.Add("TinyGpt", "--samples -2", "--samples must be >= 0, got -2.");
        data.Add("TinyGpt", "--lr Infinity", "--lr must be a finite number >= 0, got ");
        data.Add("TinyGpt", "--seed -1", "Cannot parse argument '-1' for option '--seed'");
        data.Add("TinyGpt", "--data-seed x", "Cannot parse argument 'x' for option '--data-seed'");
        data.Add("TinyGpt", "--plots FILE/plots", "--plots '");
        data.Add("TinyGpt", "--no-such-option", "Unrecognized command or argument '--no-such-option'.");
        return data;
    }

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void A_bad_option_is_one_line_on_stderr_and_exit_code_2_before_training(string example, string args, string expected)
    {
        // FILE is a regular file, so nothing can be created under it (whatever the user's permissions); DIR a directory.
        string file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "");
        var argv = args.Replace("FILE", file, StringComparison.Ordinal).Replace("DIR", _dir, StringComparison.Ordinal).Split(' ');

        var (code, stdout, stderr) = Run(example, argv);

        Assert.Equal(2, code);
        Assert.Equal("", stdout); // nothing trained, nothing printed
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(expected, lines[0]);
        Assert.DoesNotContain(" at ", lines[0]);
        Assert.Equal(["a-file"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName)); // no probe left behind
    }

    [Fact]
    public void Plots_to_a_writable_directory_passes_the_checks_and_writes_the_pictures()
    {
        string plots = Path.Combine(_dir, "plots");
        var (code, stdout, stderr) = Run("Moons", "--epochs", "2", "--plots", plots);
        Assert.Equal("", stderr);
        Assert.Equal(0, code);
        Assert.Contains("wrote ", stdout);
        Assert.Equal(["decision-boundary.png", "loss-curve.png"], Directory.GetFiles(plots).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Names_with_plots_trains_prints_its_lines_and_writes_the_gradient_picture()
    {
        string plots = Path.Combine(_dir, "plots");
        var (code, stdout, stderr) = Run("Names", "--steps", "3", "--samples", "2", "--plots", plots);
        Assert.Equal("", stderr);
        Assert.Equal(0, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Bigram dev loss: ", lines[0]);
        Assert.StartsWith("Train loss: ", lines[1]);
        Assert.StartsWith("Dev loss: ", lines[2]);
        Assert.Equal(2 + 3 + 1, lines.Length); // 2 names, then the "wrote" line
        Assert.Equal(["embedding-gradient.png"], Directory.GetFiles(plots).Select(Path.GetFileName));
    }

    [Fact]
    public void TinyGpt_plots_the_attention_weights_of_the_longest_sampled_name()
    {
        string plots = Path.Combine(_dir, "plots");
        var (code, stdout, stderr) = Run("TinyGpt", "--steps", "3", "--samples", "2", "--plots", plots);
        Assert.Equal("", stderr);
        Assert.Equal(0, code);
        Assert.Contains("Dev loss: ", stdout);
        Assert.Equal(["attention.png"], Directory.GetFiles(plots).Select(Path.GetFileName));
    }

    [Fact]
    public void TinyGpt_help_names_its_options()
    {
        var (code, stdout, _) = Run("TinyGpt", "--help");
        Assert.Equal(0, code);
        foreach (var option in new[] { "--steps", "--lr", "--batch-size", "--seed", "--data-seed", "--samples", "--plots" })
            Assert.Contains(option, stdout);
    }

    [Fact]
    public void The_doc_samples_check_their_arguments_before_running()
    {
        string file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "");
        Assert.Equal("reliability: EPOCHS must be a whole number >= 1, got 'many'.", DocSamplesOptions.Check(["reliability", "many"]));
        Assert.Equal("reliability: EPOCHS must be a whole number >= 1, got '0'.", DocSamplesOptions.Check(["reliability", "0"]));
        Assert.StartsWith("write-docs DIR '", DocSamplesOptions.Check(["write-docs", Path.Combine(file, "docs")]));
        Assert.Null(DocSamplesOptions.Check(["reliability", "10"]));
        Assert.Null(DocSamplesOptions.Check(["first-gradient"]));
    }
}
