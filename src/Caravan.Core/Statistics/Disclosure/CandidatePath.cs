namespace Caravan.Core.Statistics.Disclosure;

/// <summary>
/// When the hidden cells cannot carry enough flow, the cheapest way to add some: a shortest path in the residual
/// graph where arcs already there cost nothing and each published cell that could be hidden costs its value, so
/// small cells are lost first. Ties fall to the lowest node, so the choice is deterministic.
/// </summary>
internal static class CandidatePath
{
    /// <summary>
    /// A cheapest path from source to sink, where <paramref name="candidatesOfNode"/> lists, for each node, the
    /// published cells that would link it to another node once hidden, and <paramref name="cost"/> is what hiding
    /// one loses.
    /// </summary>
    /// <returns>The cells to hide, or null when no path exists even with every candidate hidden.</returns>
    public static IReadOnlyList<int>? Find(
        TableFlowNetwork network,
        IReadOnlyList<IReadOnlyList<(int Cell, int Node)>> candidatesOfNode,
        Func<int, double> cost,
        int source,
        int sink,
        double epsilon)
    {
        var n = network.NodeCount;
        var distance = new double[n];
        var previousNode = new int[n];
        var previousCell = new int[n];
        var done = new bool[n];
        Array.Fill(distance, double.PositiveInfinity);
        Array.Fill(previousNode, -1);
        Array.Fill(previousCell, -1);
        distance[source] = 0;

        while (true)
        {
            var node = -1;
            for (var i = 0; i < n; i++)
            {
                if (!done[i] && !double.IsPositiveInfinity(distance[i]) && (node < 0 || distance[i] < distance[node]))
                {
                    node = i;
                }
            }

            if (node < 0)
            {
                return null;
            }

            if (node == sink)
            {
                break;
            }

            done[node] = true;
            foreach (var next in network.ResidualNeighbours(node, epsilon))
            {
                Relax(node, next, -1, distance[node]);
            }

            foreach (var (cell, next) in candidatesOfNode[node])
            {
                Relax(node, next, cell, distance[node] + cost(cell));
            }
        }

        var cells = new List<int>();
        for (var node = sink; node != source; node = previousNode[node])
        {
            if (previousCell[node] >= 0)
            {
                cells.Add(previousCell[node]);
            }
        }

        cells.Reverse();
        return cells;

        void Relax(int from, int to, int cell, double d)
        {
            if (!done[to] && d < distance[to])
            {
                distance[to] = d;
                previousNode[to] = from;
                previousCell[to] = cell;
            }
        }
    }
}
