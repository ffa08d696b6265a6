package dev.foresight.runtime.cli;

import dev.foresight.config.OperatorKeys;
import dev.foresight.runtime.link.CommandSignature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code foresight keys ...}: operator keys for signed commands (docs/security.md). */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Make operator key pairs for signed commands.",
    subcommands = {KeysCommand.Generate.class})
final class KeysCommand {

  /** {@code foresight keys generate --out DIR --id NAME}. */
  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = {"Write a new ECDSA P-256 key pair: NAME.key (PKCS#8 PEM, readable only by you; keep it with the "
          + "operator) and NAME.pub (X.509 PEM; goes into the robot config's link.operator_keys).",
          "Refuses to overwrite an existing key."})
  static final class Generate implements Callable<Integer> {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the key files to.")
    Path out;

    @Option(names = "--id", required = true, paramLabel = "NAME",
        description = "The key's id (1..64 of A-Z a-z 0-9 . _ : -), as the robot config and fs-key name it.")
    String id;

    @Override
    public Integer call() throws IOException {
      if (!ID.matcher(id).matches()) {
        throw new UserException("--id: '" + id + "' is not a key id; use 1 to 64 of A-Z a-z 0-9 . _ : -");
      }
      if (Files.exists(out) && !Files.isDirectory(out)) throw new UserException("--out: " + out + " is not a folder");
      Path key = out.resolve(id + ".key");
      Path pub = out.resolve(id + ".pub");
      for (Path p : new Path[] {key, pub}) {
        if (Files.exists(p)) throw new UserException(p + " exists; remove it or choose another --id (keys are never "
            + "overwritten)");
      }
      Files.createDirectories(out);
      KeyPair pair = CommandSignature.generate();
      try {
        // Created with mode 600 from the start: the key is never readable by others, not even briefly.
        Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (FileAlreadyExistsException e) {
        throw new UserException(key + " exists; remove it or choose another --id (keys are never overwritten)");
      } catch (UnsupportedOperationException e) {
        throw new UserException("--out: " + out + " is on a file system without Unix permissions; the private key "
            + "needs mode 600");
      }
      Files.writeString(key, CommandSignature.pem(pair.getPrivate()), StandardCharsets.US_ASCII,
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      Files.writeString(pub, OperatorKeys.pem(pair.getPublic()), StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      PrintWriter o = spec.commandLine().getOut();
      o.println("wrote " + key + " (private, mode 600) and " + pub);
      o.println("robot config:  link: {operator_keys: [{id: " + id + ", public_key_file: " + pub.getFileName()
          + "}], require_signed_commands: true, state_dir: ...}");
      o.println("operator:      foresight monitor --key " + key + " --key-id " + id);
      o.flush();
      return ExitCodes.OK;
    }
  }
}
