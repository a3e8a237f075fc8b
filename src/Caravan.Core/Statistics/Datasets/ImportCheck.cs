namespace Caravan.Core.Statistics.Datasets;

/// <summary>What is wrong with a cell, a row or the mapping. Each has a message in every language (Statistics.Import.Problem.*).</summary>
public enum ImportProblem
{
    HeaderRow,
    NoValueColumn,
    NoDate,
    Date,
    MergedInData,
    UnmatchedCountry,
    UnmatchedRegion,
    Sex,
    AgeBand,
    Number,
    Duplicate,
    HeaderCell,
    NoObservations,
    Origin,
    Destination,
}

/// <summary>One problem, where it is: 1-based row, the column's letter (null for the whole mapping), and the cell's text.</summary>
public sealed record ImportError(ImportProblem Problem, int? Row, string? Column, string? Value, string? Detail = null);

/// <summary>A name the matchers could not place, with how many rows use it.</summary>
public sealed record UnmatchedName(string Kind, string Name, int Rows);

public sealed record CheckedObservation(int Row, string Column, StatObservation Observation);

public sealed class ImportCheckResult
{
    public List<CheckedObservation> Observations { get; } = [];

    public List<ImportError> Errors { get; } = [];

    public List<UnmatchedName> Unmatched { get; } = [];

    /// <summary>Cells marked as "no figure" (.., –, empty): skipped, not read as zero.</summary>
    public int Missing { get; set; }

    /// <summary>The first and last rows read as data (1-based); notes outside them are left alone.</summary>
    public (int First, int Last) DataRows { get; set; }

    public bool CanCommit => Errors.Count == 0 && Unmatched.Count == 0 && Observations.Count > 0;
}

/// <summary>
/// Applies a mapping to a table: finds the data rows between the header and the footnotes, reads every figure with
/// its dimensions, matches names to codes, and lists each problem by row and column. It writes nothing.
/// </summary>
public sealed class ImportChecker(CountryMatcher countries, RegionMatcher regions, HandMappedNames names, string nodeCountry)
{
    public const int MaxErrors = 200;

    public ImportCheckResult Check(TableGrid grid, ImportMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(mapping);
        var result = new ImportCheckResult();
        var header = mapping.HeaderRow - 1;
        var roles = Enumerable.Range(0, grid.Columns).Select(c => c < mapping.Columns.Count ? mapping.Columns[c] : ColumnRole.Ignore).ToArray();
        if (header < 0 || header >= grid.Rows.Count)
        {
            result.Errors.Add(new(ImportProblem.HeaderRow, mapping.HeaderRow, null, null));
            return result;
        }

        var valueColumns = Enumerable.Range(0, roles.Length).Where(c => roles[c] is ColumnRole.Value or ColumnRole.HeaderValue).ToArray();
        if (valueColumns.Length == 0)
        {
            result.Errors.Add(new(ImportProblem.NoValueColumn, null, null, null));
            return result;
        }

        DateOnly? fixedDate = null;
        var hasDate = roles.Contains(ColumnRole.Date) || (roles.Contains(ColumnRole.HeaderValue) && mapping.HeaderHolds == HeaderDimension.Date);
        if (!hasDate)
        {
            fixedDate = DimensionValues.Date(mapping.Date);
            if (fixedDate is null)
            {
                result.Errors.Add(new(string.IsNullOrWhiteSpace(mapping.Date) ? ImportProblem.NoDate : ImportProblem.Date, null, null, mapping.Date));
                return result;
            }
        }

        var origin = string.IsNullOrWhiteSpace(mapping.Origin) ? nodeCountry : countries.Match(mapping.Origin);
        var destination = string.IsNullOrWhiteSpace(mapping.Destination) ? Codelists.Total : countries.Match(mapping.Destination);
        if (origin is null || destination is null)
        {
            result.Errors.Add(new(origin is null ? ImportProblem.Origin : ImportProblem.Destination, null, null, origin is null ? mapping.Origin : mapping.Destination));
            return result;
        }

        // The data area runs from below the header to the last row with a figure; rows after it are footnotes.
        var first = header + 1;
        var last = first - 1;
        for (var r = first; r < grid.Rows.Count; r++)
        {
            // A footnote merged across the table fills the figure columns too; it is text, not a figure.
            if (valueColumns.Any(c => grid.Cell(r, c).Length > 0 && !grid.Merged.Contains((r, c))))
            {
                last = r;
            }
        }

        result.DataRows = (first + 1, last + 1);
        var unmatched = new Dictionary<(string Kind, string Name), int>();
        var seen = new Dictionary<(DateOnly, string, string, string, string, string), int>();
        for (var r = first; r <= last; r++)
        {
            if (Enumerable.Range(0, roles.Length).All(c => grid.Cell(r, c).Length == 0 || roles[c] == ColumnRole.Ignore))
            {
                continue;
            }

            var merged = Enumerable.Range(0, roles.Length).FirstOrDefault(c => roles[c] != ColumnRole.Ignore && grid.Merged.Contains((r, c)), -1);
            if (merged >= 0)
            {
                Add(result, new(ImportProblem.MergedInData, r + 1, TableGrid.ColumnName(merged), grid.Cell(r, merged)));
                continue;
            }

            var row = new StatObservation { Origin = origin, Region = Codelists.Total, Destination = destination, Sex = Codelists.Total, AgeBand = Codelists.Total, Date = fixedDate ?? default };
            var rowOk = true;
            for (var c = 0; c < roles.Length && rowOk; c++)
            {
                if (roles[c] is ColumnRole.Ignore or ColumnRole.Value or ColumnRole.HeaderValue)
                {
                    continue;
                }

                rowOk = Apply(result, unmatched, row, roles[c], grid.Cell(r, c), r + 1, TableGrid.ColumnName(c));
            }

            if (!rowOk)
            {
                continue;
            }

            foreach (var c in valueColumns)
            {
                var observation = Copy(row);
                if (roles[c] == ColumnRole.HeaderValue && !ApplyHeader(result, unmatched, observation, mapping.HeaderHolds, grid.Cell(header, c), mapping.HeaderRow, TableGrid.ColumnName(c)))
                {
                    continue;
                }

                var number = TableNumbers.Parse(grid.Cell(r, c), mapping.DecimalSeparator);
                if (number.Kind == TableNumberKind.Missing)
                {
                    result.Missing++;
                    continue;
                }

                if (number.Kind == TableNumberKind.Invalid)
                {
                    Add(result, new(ImportProblem.Number, r + 1, TableGrid.ColumnName(c), grid.Cell(r, c), number.Problem.ToString()));
                    continue;
                }

                observation.Value = number.Value;
                var key = (observation.Date, observation.Origin, observation.Region, observation.Destination, observation.Sex, observation.AgeBand);
                if (seen.TryGetValue(key, out var firstRow))
                {
                    Add(result, new(ImportProblem.Duplicate, r + 1, TableGrid.ColumnName(c), grid.Cell(r, c), firstRow.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    continue;
                }

                seen[key] = r + 1;
                result.Observations.Add(new(r + 1, TableGrid.ColumnName(c), observation));
            }
        }

        result.Unmatched.AddRange(unmatched.Select(u => new UnmatchedName(u.Key.Kind, u.Key.Name, u.Value)).OrderBy(u => u.Kind, StringComparer.Ordinal).ThenBy(u => u.Name, StringComparer.Ordinal));
        if (result.Observations.Count == 0 && result.Errors.Count == 0 && result.Unmatched.Count == 0)
        {
            result.Errors.Add(new(ImportProblem.NoObservations, null, null, null));
        }

        return result;
    }

    private static StatObservation Copy(StatObservation o) => new()
    {
        Date = o.Date,
        Origin = o.Origin,
        Region = o.Region,
        Destination = o.Destination,
        Sex = o.Sex,
        AgeBand = o.AgeBand,
    };

    private static void Add(ImportCheckResult result, ImportError error)
    {
        if (result.Errors.Count < MaxErrors)
        {
            result.Errors.Add(error);
        }
    }

    private bool ApplyHeader(ImportCheckResult result, Dictionary<(string, string), int> unmatched, StatObservation o, HeaderDimension holds, string text, int row, string column) => holds switch
    {
        HeaderDimension.Date => Apply(result, unmatched, o, ColumnRole.Date, text, row, column),
        HeaderDimension.Sex => Apply(result, unmatched, o, ColumnRole.Sex, text, row, column),
        HeaderDimension.AgeBand => Apply(result, unmatched, o, ColumnRole.AgeBand, text, row, column),
        HeaderDimension.Destination => Apply(result, unmatched, o, ColumnRole.Destination, text, row, column),
        _ => false,
    };

    /// <summary>Reads one dimension cell into the observation; false (with the problem noted) when it cannot be read.</summary>
    private bool Apply(ImportCheckResult result, Dictionary<(string, string), int> unmatched, StatObservation o, ColumnRole role, string text, int row, string column)
    {
        switch (role)
        {
            case ColumnRole.Date:
                if (DimensionValues.Date(text) is not { } date)
                {
                    Add(result, new(ImportProblem.Date, row, column, text));
                    return false;
                }

                o.Date = date;
                return true;
            case ColumnRole.Origin or ColumnRole.Destination or ColumnRole.Region when text.Length == 0:
                Add(result, new(role == ColumnRole.Region ? ImportProblem.UnmatchedRegion : ImportProblem.UnmatchedCountry, row, column, text));
                return false;
            case ColumnRole.Origin or ColumnRole.Destination:
                var country = names.Find(HandMappedNames.Country, text) ?? countries.Match(text) ?? (IsTotal(text) ? Codelists.Total : null);
                if (country is null)
                {
                    Count(unmatched, HandMappedNames.Country, text);
                    return false;
                }

                if (role == ColumnRole.Origin)
                {
                    o.Origin = country;
                }
                else
                {
                    o.Destination = country;
                }

                return true;
            case ColumnRole.Region:
                var region = names.Find(HandMappedNames.Region, text) ?? regions.Match(text) ?? (IsTotal(text) ? Codelists.Total : null);
                if (region is null)
                {
                    Count(unmatched, HandMappedNames.Region, text);
                    return false;
                }

                o.Region = region;
                return true;
            case ColumnRole.Sex:
                if (DimensionValues.Sex(text) is not { } sex)
                {
                    Add(result, new(ImportProblem.Sex, row, column, text));
                    return false;
                }

                o.Sex = sex;
                return true;
            case ColumnRole.AgeBand:
                if (DimensionValues.AgeBand(text) is not { } age)
                {
                    Add(result, new(ImportProblem.AgeBand, row, column, text));
                    return false;
                }

                o.AgeBand = age;
                return true;
            default:
                return true;
        }
    }

    private static bool IsTotal(string text) => DimensionValues.Sex(text) == Codelists.Total;

    private static void Count(Dictionary<(string, string), int> unmatched, string kind, string name)
    {
        var key = (kind, name.Trim());
        unmatched[key] = unmatched.GetValueOrDefault(key) + 1;
    }
}
