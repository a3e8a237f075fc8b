using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Caravan.Web.Tests.Infrastructure;

/// <summary>
/// ASVS requirements met by what the code never does (build a query language from input, merge parsed objects, roll
/// its own cryptography), held to by reading the source, so a change that starts doing it fails here.
/// </summary>
public partial class SourceRulesTests
{
    private static readonly string Root = NodeProcess.RepositoryRoot();

    private static IEnumerable<(string File, string[] Lines)> Sources() =>
        Directory.GetFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(Root, f), File.ReadAllLines(f)));

    [GeneratedRegex(@"\b(SelectNodes|SelectSingleNode|XPathSelectElements?|XPathEvaluate|XPathExpression\.Compile)\(\s*(?<arg>[^,)]*)")]
    private static partial Regex XPathCall();

    [GeneratedRegex(@"\bnew\s+(System\.Text\.RegularExpressions\.)?Regex\s*\(|\bRegex\.(IsMatch|Match|Matches|Replace|Split|Count|EnumerateMatches)\s*\(")]
    private static partial Regex RuntimeRegex();

    [GeneratedRegex(@"\bdynamic\b\s+\w|\(dynamic\)|<dynamic>|\bExpandoObject\b")]
    private static partial Regex Dynamic();

    [GeneratedRegex(@"\b(class|record|struct)\s+\w+[^:]*:\s*[^{/]*\b(HashAlgorithm|SymmetricAlgorithm|AsymmetricAlgorithm|KeyedHashAlgorithm|HMAC\w*|RandomNumberGenerator|ICryptoTransform)\b")]
    private static partial Regex CryptoSubclass();

    [Fact]
    public void XPath_expressions_are_string_constants()
    {
        // ASVS 1.2.7: an XPath built from input is a query language an uploader could steer.
        var calls = Sources().SelectMany(s => s.Lines.Select((l, i) => (s.File, Line: i + 1, Match: XPathCall().Match(l)))).Where(c => c.Match.Success).ToList();
        calls.Count.ShouldBeGreaterThanOrEqualTo(2, "the workbook reader's XPath calls are found, so the scan works");
        foreach (var (file, line, match) in calls)
        {
            match.Groups["arg"].Value.TrimStart().ShouldStartWith("\"", customMessage: $"{file}:{line} passes a non-constant XPath");
        }
    }

    [Fact]
    public void Regular_expressions_are_compile_time_patterns_or_the_message_schemas_own_patterns_with_a_timeout()
    {
        // ASVS 1.2.9: no pattern is made from input. [GeneratedRegex] takes only constants; the one run-time match checks
        // a message field against its schema's constant pattern, with a timeout.
        var runtime = Sources().SelectMany(s => s.Lines.Select((l, i) => (s.File, Line: i + 1, Text: l))).Where(l => RuntimeRegex().IsMatch(l.Text)).ToList();
        var only = runtime.ShouldHaveSingleItem();
        only.File.ShouldBe(Path.Combine("src", "Caravan.Core", "Exchange", "MessageFields.cs"));
        only.Text.ShouldContain("spec.Pattern");
        only.Text.ShouldContain("TimeSpan.FromMilliseconds(100)");
        var schema = File.ReadAllText(Path.Combine(Root, only.File));
        foreach (Match pattern in PatternArgument().Matches(schema))
        {
            var value = pattern.Groups["value"].Value;
            (value.StartsWith('"') || ConstantName().IsMatch(value)).ShouldBeTrue($"FieldSpec pattern {value} is not a constant");
            if (!value.StartsWith('"'))
            {
                schema.ShouldContain($"const string {value} = ");
            }
        }
    }

    [GeneratedRegex(@"Pattern:\s*(?<value>""[^""]*""|\w+)")]
    private static partial Regex PatternArgument();

    [GeneratedRegex(@"^[A-Z]\w*$")]
    private static partial Regex ConstantName();

    [Fact]
    public void The_build_is_nullable_strict_with_warnings_as_errors_and_the_code_uses_no_dynamic()
    {
        // ASVS 15.3.5: types are checked at compile time; no project switches the checks off, no code opts out with dynamic.
        var props = XDocument.Load(Path.Combine(Root, "Directory.Build.props"));
        props.Descendants("Nullable").Single().Value.ShouldBe("enable");
        props.Descendants("TreatWarningsAsErrors").Single().Value.ShouldBe("true");
        foreach (var project in Directory.GetFiles(Root, "*.csproj", SearchOption.AllDirectories).Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(project);
            text.ShouldNotContain("<Nullable>disable", customMessage: project);
            text.ShouldNotContain("<TreatWarningsAsErrors>false", customMessage: project);
            text.ShouldNotContain("#nullable disable", customMessage: project);
        }

        var sources = Sources().ToList();
        sources.Count.ShouldBeGreaterThan(100);
        foreach (var (file, lines) in sources)
        {
            for (var i = 0; i < lines.Length; i++)
            {
                var code = lines[i].TrimStart();
                if (code.StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                Dynamic().IsMatch(code).ShouldBeFalse($"{file}:{i + 1}");
                code.ShouldNotStartWith("#nullable disable", customMessage: $"{file}:{i + 1}");
            }
        }
    }

    [Fact]
    public void No_cryptographic_primitive_is_implemented_here_and_no_third_party_cryptography_package_is_referenced()
    {
        // ASVS 11.2.1: .NET's cryptography (OpenSSL underneath), Data Protection, Identity and Microsoft.IdentityModel do it all.
        var packages = XDocument.Load(Path.Combine(Root, "Directory.Packages.props")).Descendants("PackageVersion").Select(p => (string)p.Attribute("Include")!).ToList();
        packages.Count.ShouldBeGreaterThan(10);
        string[] foreign = ["BouncyCastle", "Sodium", "NaCl", "Jose", "jose-jwt", "Chaos.NaCl", "CryptSharp", "BCrypt", "Scrypt", "Argon2", "PCLCrypto", "Org.BouncyCastle"];
        packages.Where(p => foreign.Any(f => p.Contains(f, StringComparison.OrdinalIgnoreCase))).ShouldBeEmpty();
        foreach (var (file, lines) in Sources())
        {
            for (var i = 0; i < lines.Length; i++)
            {
                CryptoSubclass().IsMatch(lines[i]).ShouldBeFalse($"{file}:{i + 1} implements a cryptographic primitive");
                lines[i].ShouldNotContain(": IPasswordHasher<", customMessage: $"{file}:{i + 1} replaces Identity's password hashing");
            }
        }
    }

    [Fact]
    public void The_nodes_own_scripts_merge_no_parsed_input_into_objects()
    {
        // ASVS 15.3.6: prototype pollution needs an object built or merged from input by key; the scripts do neither.
        var web = Path.Combine(Root, "src", "Caravan.Web");
        var scripts = Directory.GetFiles(Path.Combine(web, "wwwroot", "js"), "*.js").Concat(Directory.GetFiles(Path.Combine(web, "Scripts"), "*.mjs")).ToList();
        scripts.Count.ShouldBeGreaterThanOrEqualTo(5);
        string[] forbidden = ["__proto__", "Object.assign(", "JSON.parse(", "Object.fromEntries(", "structuredClone(", "Object.defineProperty(", "Object.setPrototypeOf(", "constructor.prototype", "...JSON"];
        foreach (var script in scripts)
        {
            var text = File.ReadAllText(script);
            foreach (var f in forbidden)
            {
                text.ShouldNotContain(f, customMessage: Path.GetFileName(script));
            }

            ComputedAssignment().IsMatch(text).ShouldBeFalse($"{Path.GetFileName(script)} assigns to a computed key");
        }
    }

    [GeneratedRegex(@"\w\[[A-Za-z_$][\w.$]*\]\s*=[^=]")]
    private static partial Regex ComputedAssignment();
}
