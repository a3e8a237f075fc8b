namespace Caravan.Web.Tests.Infrastructure.Authorization;

/// <summary>
/// What must hold in any version of the matrix, whatever its rows say: the table file records decisions, these rules
/// keep a wrong decision from being recorded.
/// </summary>
public static class MatrixRules
{
    // The error page takes posts without a token because it is where a failed post (including a failed antiforgery
    // check) lands when re-executed; it reads nothing and writes nothing.
    private static readonly string[] TokenFreePages = ["POST /errors/{code:int}"];

    public static IEnumerable<string> Check(IReadOnlyList<MatrixEndpoint> endpoints, IReadOnlyDictionary<string, string[]> table)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(table);
        var columns = MatrixWorld.Columns;
        int Col(string name) => Array.IndexOf(columns, name);
        foreach (var endpoint in endpoints)
        {
            var row = table[endpoint.Key];
            for (var i = 0; i < row.Length; i++)
            {
                if (row[i] == "500")
                {
                    yield return $"{endpoint.Key}: {columns[i]} got a server error";
                }

                var tokenless = !(MatrixWorld.ScopeColumns.Contains(columns[i]) && endpoint.Route.Contains('{', StringComparison.Ordinal));
                if (endpoint.IsPage && endpoint.Method == "POST" && tokenless && row[i] == "ok" && !TokenFreePages.Contains(endpoint.Key))
                {
                    yield return $"{endpoint.Key}: {columns[i]} posted without an antiforgery token and was served (a cross-site form would be too)";
                }
            }

            // An API key is not a session: on a page it must count for nothing.
            if (endpoint.IsPage && !NoMore(row[Col("anon")], row[Col("apikey")]))
            {
                yield return $"{endpoint.Key}: an agency API key got {row[Col("apikey")]} from a page, where no session gets {row[Col("anon")]}";
            }

            // A partner node is authenticated by its messages' signatures, never by a key: its key opens nothing.
            if (!NoMore(row[Col("anon")], row[Col("partner")]))
            {
                yield return $"{endpoint.Key}: a partner node's key got {row[Col("partner")]}, where no session gets {row[Col("anon")]}";
            }

            // A staff session never reaches the bulk upload, which takes only an agency's key.
            if (endpoint.Route == "/api/v1/agency/vacancies/bulk" && row[Col("agency")] is "ok" or "400")
            {
                yield return $"{endpoint.Key}: the agency's staff session reached the bulk upload";
            }
        }
    }

    private static bool Refused(string cell) => cell is "signin" or "denied" or "401" or "403";

    /// <summary>
    /// A key gets no more than no session: the same answer, or a refusal where no session is refused too (an API answers
    /// 403 to a caller it knows and 401 to one it does not), or the tip-tracking lock, which counts per address.
    /// </summary>
    private static bool NoMore(string anonymous, string key) => key == anonymous || (Refused(anonymous) && Refused(key)) || key == "429";
}
