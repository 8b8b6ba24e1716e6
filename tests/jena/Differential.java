// Runs SPARQL queries through Jena ARQ over one dataset loaded once, with
// the default graph unkg query gives: the set of the triples of every
// graph (N-Quads graphs, and files without graphs), the named graphs as
// the N-Quads name them.  Writes each answer in the form unkg's suite
// compares (tests/query_diff_test.sh normalises both sides):
//   SELECT: a TSV header, then one row per solution;  ASK: true or false;
//   CONSTRUCT, DESCRIBE: N-Triples.
// Usage: java Differential.java OUTDIR QUERY... -- DATA...
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import org.apache.jena.graph.*;
import org.apache.jena.query.*;
import org.apache.jena.rdf.model.*;
import org.apache.jena.riot.*;
import org.apache.jena.sparql.core.*;
import org.apache.jena.sparql.graph.GraphFactory;

public class Differential {
  static String term(Node n) {
    if (n == null) return "";
    if (n.isURI()) return "<" + n.getURI() + ">";
    if (n.isBlank()) return "_:b";
    String lex = n.getLiteralLexicalForm();
    StringBuilder b = new StringBuilder("\"");
    for (char c : lex.toCharArray()) {
      switch (c) {
        case '\\': b.append("\\\\"); break;
        case '"': b.append("\\\""); break;
        case '\n': b.append("\\n"); break;
        case '\r': b.append("\\r"); break;
        case '\t': b.append("\\t"); break;
        default: b.append(c);
      }
    }
    b.append('"');
    String lang = n.getLiteralLanguage();
    if (lang != null && !lang.isEmpty()) return b + "@" + lang;
    String dt = n.getLiteralDatatypeURI();
    if (dt != null) return b + "^^<" + dt + ">";
    return b.toString();
  }

  public static void main(String[] args) throws Exception {
    int sep = Arrays.asList(args).indexOf("--");
    File out = new File(args[0]);
    List<String> queries = Arrays.asList(args).subList(1, sep);
    List<String> data = Arrays.asList(args).subList(sep + 1, args.length);
    DatasetGraph in = DatasetGraphFactory.createGeneral();
    for (String f : data) {
      if (f.endsWith(".nq")) RDFDataMgr.read(in, f);
      else RDFDataMgr.read(in.getDefaultGraph(), f);
    }
    Graph union = GraphFactory.createDefaultGraph();
    in.getDefaultGraph().find().forEachRemaining(union::add);
    DatasetGraph ds = DatasetGraphFactory.createGeneral();
    for (Iterator<Node> it = in.listGraphNodes(); it.hasNext();) {
      Node g = it.next();
      in.getGraph(g).find().forEachRemaining(union::add);
      ds.addGraph(g, in.getGraph(g));
    }
    ds.setDefaultGraph(union);
    Dataset dataset = DatasetFactory.wrap(ds);
    for (String qf : queries) {
      String name = new File(qf).getName().replaceAll("\\.rq$", "");
      try (PrintStream p = new PrintStream(new FileOutputStream(new File(out, name + ".jena")), false, "UTF-8")) {
        try {
          Query q = QueryFactory.read(qf);
          try (QueryExecution x = QueryExecutionFactory.create(q, dataset)) {
            if (q.isSelectType()) {
              ResultSet rs = x.execSelect();
              List<String> vars = rs.getResultVars();
              StringBuilder h = new StringBuilder();
              for (String v : vars) h.append(h.length() > 0 ? "\t" : "").append("?").append(v);
              p.println(h);
              while (rs.hasNext()) {
                Binding b = null;
                QuerySolution s = rs.next();
                StringBuilder r = new StringBuilder();
                for (int i = 0; i < vars.size(); ++i) {
                  RDFNode n = s.get(vars.get(i));
                  r.append(i > 0 ? "\t" : "").append(term(n == null ? null : n.asNode()));
                }
                p.println(r);
              }
            } else if (q.isAskType()) {
              p.println(x.execAsk() ? "true" : "false");
            } else {
              Model m = q.isConstructType() ? x.execConstruct() : x.execDescribe();
              m.getGraph().find().forEachRemaining(t ->
                p.println(term(t.getSubject()) + " " + term(t.getPredicate()) + " " + term(t.getObject()) + " ."));
            }
          }
        } catch (Exception e) {
          p.println("ERROR " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
      }
    }
  }
  interface Binding {}
}
