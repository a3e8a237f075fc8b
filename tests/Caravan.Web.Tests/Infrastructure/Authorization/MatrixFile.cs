namespace Caravan.Web.Tests.Infrastructure.Authorization;

/// <summary>The expectations file: one row per endpoint, one word per caller, in <see cref="MatrixWorld.Columns"/> order.</summary>
public static class MatrixFile
{
    public const int Cell = 11;

    public const string Header = """
        # The authorization matrix: what each caller gets from each endpoint of a country node (Development, demo data).
        # Checked by tests/Caravan.Web.Tests/Infrastructure/Authorization/AuthorizationMatrixTests.cs on SQLite and PostgreSQL.
        # Words: ok = served (2xx, or a redirect into the app); signin = sent to sign in; denied = sent to /account/denied;
        # csrf = a post without a valid antiforgery token, refused before any handler; 404 = not found, or out of the
        # caller's scope; other numbers are the HTTP status (401/403 for API callers, 415 for a body of the wrong type).
        # Columns: migrant2 is another migrant; agency2 the second demo agency; hotline a case worker of another team than
        # the case's (the case is at the Moscow consulate); apikey the first agency's API key; partner a partner node's key.
        # Page posts carry no token, except for migrant2, agency2 and hotline on routes that name a record: they post with
        # their own valid token, so the refusal shown is scope's. API posts send "{}" as JSON. go:/path = a redirect there.
        # 429 on /api/v1/tips/track is its lock after ten wrong codes from one address: the callers share loopback.
        """;

    public static Dictionary<string, string[]> Read(IEnumerable<string> lines)
    {
        var table = new Dictionary<string, string[]>();
        foreach (var line in lines.Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            parts.Length.ShouldBe(2 + MatrixWorld.Columns.Length, $"a row of authorization-matrix.txt has the wrong number of cells: {line}");
            table.Add(parts[0] + " " + parts[1], parts[2..]);
        }

        return table;
    }
}
