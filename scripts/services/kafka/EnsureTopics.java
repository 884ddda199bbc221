// Compiled and run by kafka.sh on the Kafka jars'
// classpath: one JVM asks the broker for its metadata (the readiness check) and creates the
// project's topics that are missing, instead of one JVM per topic with the stock tools.
// Usage: java -cp 'libs/*:classes' EnsureTopics BOOTSTRAP PARTITIONS TOPIC...
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

public class EnsureTopics {
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: EnsureTopics BOOTSTRAP PARTITIONS TOPIC...");
      System.exit(2);
    }
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "8000");
    int partitions = Integer.parseInt(args[1]);
    List<String> wanted = Arrays.asList(args).subList(2, args.length);

    try (Admin admin = Admin.create(props)) {
      String clusterId = admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
      Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String topic : wanted) {
        if (!existing.contains(topic)) missing.add(new NewTopic(topic, partitions, (short) 1));
      }
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          // Another caller may have created it between our listing and our request.
          if (!(e.getCause() instanceof TopicExistsException)) throw e;
        }
      }
      System.out.println("cluster " + clusterId + ": " + existing.size() + " topics, created " + missing.size());
    }
  }
}
