# sovaudit appliance image.
#   docker build -t sovaudit .
#   docker run --rm --network none -v sovaudit-data:/var/lib/sovaudit -v "$PWD/exports:/in:ro" \
#       -e SOVAUDIT_KEY_PASSPHRASE="$(cat passphrase)" \
#       sovaudit scan /in --home KE --out /var/lib/sovaudit/bundle.zip
#   docker run -d -p 127.0.0.1:8080:8080 -v sovaudit-data:/var/lib/sovaudit -e SOVAUDIT_KEY_PASSPHRASE=... \
#       sovaudit serve --host 0.0.0.0 --home KE
# The signing key is encrypted at rest; give its passphrase with SOVAUDIT_KEY_PASSPHRASE, or mount a
# 0600 file and name it as keys.passphrase-file in a configuration file passed with --config.
# The appliance needs no network at run time; run audits with --network none.

FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src src
COPY models models
COPY firmware-profiles firmware-profiles
RUN mvn -B -ntp -q -Dmaven.test.skip=true package

FROM eclipse-temurin:25-jre
RUN useradd --system --home-dir /var/lib/sovaudit --shell /usr/sbin/nologin sovaudit \
    && mkdir -p /var/lib/sovaudit /opt/sovaudit \
    && chown sovaudit /var/lib/sovaudit
COPY --from=build /src/target/sovaudit.jar /opt/sovaudit/sovaudit.jar
COPY --from=build /src/target/libs /opt/sovaudit/libs
COPY examples /opt/sovaudit/examples
USER sovaudit
WORKDIR /var/lib/sovaudit
ENV SOVAUDIT_DATA=/var/lib/sovaudit
VOLUME /var/lib/sovaudit
EXPOSE 8080
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "/opt/sovaudit/sovaudit.jar"]
CMD ["--help"]
